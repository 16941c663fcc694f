// Fails the file if any promise rejection went unhandled while its tests ran.
import { afterAll, expect } from 'vitest';

/**
 * Node reports an unhandled rejection at the end of the tick in which it happened. A late one (a
 * cancelled body, a background cancel) comes from the client reading its socket's end; by the
 * time this runs every test server has closed its connections (serverPerTest closes them after
 * each test and resolves on the server's 'close', emitted once its sockets are destroyed). On
 * 127.0.0.1 the kernel has queued the FIN on the client's socket by then, so the event loop's next
 * poll phase reads it, and the check phase after it runs the setImmediate below: the one turn
 * within which a late rejection is provably reported.
 */
export function expectNoUnhandledRejections(): void {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  afterAll(async () => {
    await new Promise(setImmediate);
    process.off('unhandledRejection', onRejection);
    expect(seen).toEqual([]);
  });
}
