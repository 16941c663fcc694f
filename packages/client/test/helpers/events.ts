// Records a client's events (`onEvent`) and lets a test wait for one: the client says when an
// attempt starts, a wait begins and the call ends, so a test waits on that rather than on time.
import { vi } from 'vitest';
import type { ClientEvent } from '../../src/index.js';
import type { TestServer } from './server.js';

export interface EventRecorder {
  events: ClientEvent[];
  /** Pass as `onEvent`. */
  onEvent(event: ClientEvent): void;
  /** The `count`-th event of `type` (1-based), once the client has emitted it. */
  seen<T extends ClientEvent['type']>(type: T, count?: number): Promise<Extract<ClientEvent, { type: T }>>;
  /** How many events of `type` were emitted so far. */
  count(type: ClientEvent['type']): number;
}

export function recordEvents(): EventRecorder {
  const events: ClientEvent[] = [];
  const waiters = new Set<() => boolean>();
  const ofType = (type: ClientEvent['type']) => events.filter((e) => e.type === type);
  return {
    events,
    onEvent(event) {
      events.push(event);
      for (const check of waiters) if (check()) waiters.delete(check);
    },
    seen(type, count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          const event = ofType(type)[count - 1];
          if (event) resolve(event as never);
          return event !== undefined;
        };
        if (!check()) waiters.add(check);
      });
    },
    count: (type) => ofType(type).length,
  };
}

/**
 * Fakes the timers the client's time runs on — its backoff waits and attempt timer (`setTimeout`,
 * `performance.now()`) and, with `date`, the call's deadline (`Date.now()`) — and nothing else:
 * sockets and the test server stay real. Restore with `vi.useRealTimers()` (after each test).
 */
export function fakeClientTimers({ date = false } = {}): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', ...(date ? (['Date'] as const) : [])] });
}

/**
 * Under `fakeClientTimers()`: lets `attempts` attempts run. The first `stalled` of them never
 * answer, and each is timed out (`timeout` ms) once it reached the server; each wait between
 * attempts, once the client says it began, is run to its end.
 */
export async function runAttempts(given: {
  attempts: number;
  recorder: EventRecorder;
  server: TestServer;
  stalled?: number;
  timeout?: number;
}): Promise<void> {
  const { attempts, recorder, server, stalled = 0, timeout = 0 } = given;
  for (let n = 1; n <= attempts; n++) {
    if (n <= stalled) {
      await server.received(n);
      await vi.advanceTimersByTimeAsync(timeout);
    }
    if (n < attempts) {
      await recorder.seen('retry', n);
      await vi.advanceTimersToNextTimerAsync();
    }
  }
}
