// Child process of the benchmark: a quiet sandbox with limits out of the way, reporting its
// memory (after a full GC) and store sizes over IPC.
import type * as Sandbox from '../src/index.js';
import { answerCpuTime } from './cpu-time.js';

// What ships (dist/, built before `pnpm bench`) is measured, typed by its source.
const { startSandbox } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof Sandbox;

const sandbox = await startSandbox({
  port: 0,
  log: null,
  docsDir: undefined,
  rateLimit: 1e9,
  concurrencyLimit: 1e6,
  // The per-key queue limit bounds live jobs, as in a real deployment; set high enough that most submits succeed.
  queueLimit: 1000,
  workers: 64,
  jobDurationMs: 1,
});
process.on('message', (message: unknown) => {
  if (message === 'memory') {
    globalThis.gc?.();
    const { state } = sandbox;
    process.send?.({
      heapUsed: process.memoryUsage().heapUsed,
      rss: process.memoryUsage().rss,
      jobs: state.queue.size,
      idempotencyKeys: state.idempotency.size,
    });
  }
  if (message === 'stop') sandbox.close().then(() => process.exit(0));
});
// The benchmark died: do not outlive it.
process.on('disconnect', () => process.exit(0));
answerCpuTime();
process.send?.({ url: sandbox.url });
