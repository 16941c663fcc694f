// Rate and concurrency limits over real HTTP, and the caps that keep every in-memory store bounded.
import { describe, expect, it } from 'vitest';
import { BoundedMap } from './internal/bounded-map.js';
import { IdempotencyStore } from './internal/idempotency.js';
import { JobQueue } from './internal/job-queue.js';
import { seededModels } from './seed.js';
import { call, useSandbox } from './test-support/http.js';

describe('per-key limits', () => {
  const sandbox = useSandbox({ rateLimit: 3, rateWindowMs: 60_000, concurrencyLimit: 1, requestTimeoutMs: 300 });

  it('answers RATE_LIMIT_EXCEEDED past the limit, with Retry-After and RateLimit-*', async () => {
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await call(sandbox().url, 'GET', '/v1/models', { key: 'sk_test_readonly' }));
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
    await new Promise((r) => setTimeout(r, 50));
    const second = await call(sandbox().url, 'GET', '/v1/models');
    expect([second.status, second.body.code, second.headers.get('retry-after')]).toEqual([429, 'CONCURRENT_LIMIT_EXCEEDED', '1']);
    const timedOut = await slow;
    expect([timedOut.status, timedOut.body.code]).toEqual([408, 'TIMEOUT']);
  });
});

describe('bounded stores', () => {
  it.each([
    { name: 'evicts the oldest past the cap', given: { max: 3, ttl: 1_000, inserts: 10, advance: 0 }, want: { size: 3, first: undefined, last: 9 } },
    { name: 'forgets entries past their TTL', given: { max: 100, ttl: 1_000, inserts: 5, advance: 1_001 }, want: { size: 1, first: undefined, last: undefined } },
  ])('BoundedMap $name', ({ given, want }) => {
    let now = 0;
    const map = new BoundedMap<number, number>(given.max, given.ttl, () => now);
    for (let i = 0; i < given.inserts; i++) map.set(i, i);
    now += given.advance;
    expect([map.get(0), map.get(given.inserts - 1)]).toEqual([want.first, want.last]);
    // Any write prunes: what is left is the cap, or only the new entry once the rest expired.
    map.set(-1, -1);
    expect(map.size).toBe(want.size);
  });

  it('keeps the idempotency store at its cap under many keys', async () => {
    const store = new IdempotencyStore(100, 60_000);
    for (let i = 0; i < 5_000; i++) await store.run('acct', `key-${i}`, 'same', async () => ({ status: 202, body: i }));
    expect(store.size).toBe(100);
  });

  it('keeps the job store at its cap under many submits', () => {
    const queue = new JobQueue({ workers: 1, jobDurationMs: 10_000, maxJobs: 50, jobTtlMs: 60_000 });
    for (let i = 0; i < 1_000; i++) queue.submit('acct', seededModels[0]!, { prompt: 'x' });
    expect(queue.size).toBe(50);
    queue.close();
  });
});
