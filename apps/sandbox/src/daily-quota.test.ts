// DAILY_QUOTA_EXCEEDED tells one story over real HTTP: the client does not retry it (`retry:
// never`), and the body, Retry-After and RateLimit-Reset all name the same daily reset. The
// sandbox's clock is the test's, set to each case's moment, so the reset is known without waiting.
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-support/http.js';
import { manualClock } from './test-support/manual-clock.js';

const clock = manualClock();
const sandbox = useSandbox({ rateLimit: 100_000, clock });

describe('DAILY_QUOTA_EXCEEDED', () => {
  it.each([
    { now: '2026-01-01T21:00:00Z', want: { resets_at: '2026-01-02T00:00:00Z', seconds: 10_800 } },
    { now: '2026-03-31T23:59:59Z', want: { resets_at: '2026-04-01T00:00:00Z', seconds: 1 } },
  ])('at $now resets at $want.resets_at, everywhere', async ({ now, want }) => {
    clock.advance(Date.parse(now) - clock.now());
    const reply = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', {
      body: { prompt: 'hi' },
      headers: { 'Errata-Simulate': 'DAILY_QUOTA_EXCEEDED' },
    });

    expect(reply.status).toBe(429);
    expect(reply.body).toMatchObject({
      code: 'DAILY_QUOTA_EXCEEDED',
      category: 'billing',
      retry: 'never',
      details: { resets_at: want.resets_at },
    });
    expect(reply.body.message).toContain(want.resets_at);
    expect(reply.body).not.toHaveProperty('retry_after');
    expect(reply.headers.get('retry-after')).toBe(String(want.seconds));
    expect(reply.headers.get('ratelimit-reset')).toBe(String(want.seconds));
    expect(reply.headers.get('ratelimit-remaining')).toBe('0');
  });
});
