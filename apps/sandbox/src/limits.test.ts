// Rate and concurrency limits over real HTTP, and the cap that keeps the job store bounded (the
// kit's stores have their own tests in @errata/server).
import { describe, expect, it } from 'vitest';
import { JobQueue } from './internal/job-queue.js';
import { seededModels } from './seed.js';
import { call, useSandbox } from './test-support/http.js';
import { manualClock } from './test-support/manual-clock.js';

describe('per-key limits', () => {
  const clock = manualClock();
  const requestTimeoutMs = 300;
  const sandbox = useSandbox({ rateLimit: 3, rateWindowMs: 60_000, concurrencyLimit: 1, requestTimeoutMs, clock });

  it('answers RATE_LIMIT_EXCEEDED past the limit, with Retry-After and RateLimit-*', async () => {
    const replies = [];
    for (let i = 0; i < 4; i++)
      replies.push(await call(sandbox().url, 'GET', '/v1/models', { key: 'sk_test_readonly' }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies[2]!.headers.get('ratelimit-remaining')).toBe('0');
    const limited = replies[3]!;
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(limited.headers.get('retry-after')).toBe(String(limited.body.retry_after));
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
  });

  it('answers CONCURRENT_LIMIT_EXCEEDED while a request of the same key is in flight', async () => {
    const slow = call(sandbox().url, 'POST', '/v1/models/slow-1/run', { body: { prompt: 'wait' } });
    // slow-1 has taken its slot and is waiting out the request timeout: the only timer on the clock.
    await clock.pending();
    const second = await call(sandbox().url, 'GET', '/v1/models');
    expect([second.status, second.body.code, second.headers.get('retry-after')]).toEqual([
      429,
      'CONCURRENT_LIMIT_EXCEEDED',
      '1',
    ]);
    clock.advance(requestTimeoutMs);
    const timedOut = await slow;
    expect([timedOut.status, timedOut.body.code]).toEqual([408, 'TIMEOUT']);
  });
});

describe('bounded stores', () => {
  it('keeps the job store at its cap under many submits, refusing them once every kept job is live', () => {
    const queue = new JobQueue({ workers: 1, jobDurationMs: 10_000, maxJobs: 50, jobTtlMs: 60_000 });
    const codes = new Map<string, number>();
    for (let i = 0; i < 1_000; i++) {
      try {
        queue.submit('acct', seededModels[0]!, { prompt: 'x' });
        codes.set('accepted', (codes.get('accepted') ?? 0) + 1);
      } catch (error) {
        const code = (error as { code: string }).code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(codes)).toEqual({ accepted: 50, QUEUE_LIMIT_EXCEEDED: 950 });
    expect(queue.size).toBe(50);
    queue.close();
  });
});

describe('JobQueue eviction', () => {
  const model = seededModels.find((m) => m.id === 'echo-1')!;

  it('never evicts a queued or running job: past the cap the first finished one goes', async () => {
    const clock = manualClock();
    const queue = new JobQueue({ workers: 1, jobDurationMs: 1, maxJobs: 3, jobTtlMs: 60_000 }, clock);
    const done = [queue.submit('acct', model, { prompt: 'a' }), queue.submit('acct', model, { prompt: 'b' })];
    // The only worker starts `a` once the submits have returned, then `b` when `a` ends: 2 ms.
    await clock.pending();
    clock.advance(2);
    expect(done.map((j) => j.state)).toEqual(['COMPLETED', 'COMPLETED']);
    // A clock that never moves: no job of this queue ever finishes.
    const slow = new JobQueue({ workers: 1, jobDurationMs: 1, maxJobs: 3, jobTtlMs: 60_000 }, manualClock());
    const live = [
      slow.submit('acct', model, { prompt: 'a' }),
      slow.submit('acct', model, { prompt: 'b' }),
      slow.submit('acct', model, { prompt: 'c' }),
    ];
    expect(() => slow.submit('acct', model, { prompt: 'd' })).toThrow(
      expect.objectContaining({ code: 'QUEUE_LIMIT_EXCEEDED' }),
    );
    expect(live.map((j) => slow.get(j.id)?.state)).toEqual(['IN_QUEUE', 'IN_QUEUE', 'IN_QUEUE']);
    slow.close();
    // With finished jobs kept, a submit past the cap evicts the one that settled first.
    const third = queue.submit('acct', model, { prompt: 'c' });
    const fourth = queue.submit('acct', model, { prompt: 'd' });
    expect([done[0], done[1], third, fourth].map((j) => queue.get(j!.id) !== undefined)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    queue.close();
  });

  it('expires a finished job jobTtlMs after it settled, not after it was submitted', async () => {
    const clock = manualClock(0);
    const queue = new JobQueue({ workers: 1, jobDurationMs: 5_000, maxJobs: 10, jobTtlMs: 1_000 }, clock);
    const job = queue.submit('acct', model, { prompt: 'a' });
    await clock.pending();
    clock.advance(5_000); // it settles at 5 s: long past the TTL since submission
    expect(job.state).toBe('COMPLETED');
    clock.advance(999);
    expect(queue.get(job.id)).toBe(job);
    clock.advance(2);
    expect(queue.get(job.id)).toBeUndefined();
    queue.close();
  });
});

describe('the job store cap over HTTP', () => {
  const sandbox = useSandbox({ rateLimit: 100_000, maxJobs: 2, queueLimit: 5, jobDurationMs: 60_000, workers: 1 });

  it('answers QUEUE_LIMIT_EXCEEDED when every kept job is still queued or running', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++)
      replies.push(await call(sandbox().url, 'POST', '/v1/queue/echo-1', { body: { prompt: `job ${i}` } }));
    expect(replies.map((r) => [r.status, r.body.code])).toEqual([
      [202, undefined],
      [202, undefined],
      [429, 'QUEUE_LIMIT_EXCEEDED'],
    ]);
    expect(replies[2]!.headers.get('retry-after')).toBe(String(replies[2]!.body.retry_after));
    expect(replies[2]!.body.message).toContain('at most 2 queued requests');
  });
});
