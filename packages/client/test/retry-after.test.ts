// Retry-After in every form the client meets: junk falls back to backoff, a valid ask is waited and
// reported, a huge one is not waited, and the error says what the client waited.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientEvent } from '../src/index.js';
import { fakeClientTimers } from './helpers/events.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();
afterEach(() => {
  vi.useRealTimers();
});

const model = { params: { path: { model: 'echo-1' } } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { id: 'echo-1', output: { text: 'hi' } });

describe('Retry-After: junk falls back to backoff, a valid ask is what is reported', () => {
  const table = [
    { name: 'negative', given: '-5', want: { asked: undefined } },
    { name: 'junk with a number', given: 'soon 3', want: { asked: undefined } },
    { name: 'empty-ish', given: ' ', want: { asked: undefined } },
    { name: 'seconds', given: '0', want: { asked: 0 } },
    { name: 'a date in the past', given: 'Wed, 01 Jan 2020 00:00:00 GMT', want: { asked: 0 } },
  ];
  it.each(table)('$name ($given)', async ({ given, want }) => {
    const events: ClientEvent[] = [];
    const { client, server } = await serve(
      (_req, res, i) => (i === 0 ? reply(res, 429, '', { 'retry-after': given }) : ok(res)),
      { initialDelay: 20, onEvent: (e) => events.push(e) },
    );
    await client.GET('/v1/models/{model}', model);
    expect(server.requests).toHaveLength(2);
    const retry = events.find((e) => e.type === 'retry');
    if (want.asked === undefined) {
      // The policy's backoff: initialDelay minus at most 25 % jitter, never "now".
      expect(retry).toMatchObject({ reason: 'backoff' });
      expect((retry as { wait: number }).wait).toBeGreaterThanOrEqual(15);
      expect((retry as { wait: number }).wait).toBeLessThanOrEqual(20);
    } else expect(retry).toMatchObject({ reason: 'retry-after', wait: want.asked });
  });

  it('a huge Retry-After is not waited: the error is returned at once with the ask', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': '999999' }));
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retry_after: 999_999 });
    expect(server.requests).toHaveLength(1);
  });

  it('after a 429 storm with no usable hint, retry_after is the wait the policy chose, not a made-up 1', async () => {
    const events: ClientEvent[] = [];
    let waiting!: () => void;
    const inWait = new Promise<void>((resolve) => (waiting = resolve));
    const { client, server } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': 'soon' }), {
      initialDelay: 1_500,
      maxRetries: 1,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'retry') waiting();
      },
    });
    const controller = new AbortController();
    const call = client.GET('/v1/models/{model}', { ...model, signal: controller.signal });
    // The first wait is 1.5 s minus jitter: abort it once it begins (the retry event) rather than
    // sleep; the reported value is checked on the event.
    await inWait;
    controller.abort();
    await thrown(call);
    const retry = events.find((e) => e.type === 'retry') as { wait: number };
    expect(retry.wait).toBeGreaterThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('a valid Retry-After, in each form, is waited out', () => {
  // The client's time is faked (its timers and Date; the sockets stay real) and stands at a whole
  // second, so the wait is checked to its last millisecond without anyone waiting: one attempt
  // until then, and an abort ends it. A client that ignored the ask would have tried again after
  // its 10 ms backoff.
  it.each([
    { name: 'Retry-After in seconds', given: () => ({ 'retry-after': '30' }) },
    {
      name: 'Retry-After as an HTTP-date',
      given: () => ({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() }),
    },
    { name: 'retry-after-ms', given: () => ({ 'retry-after-ms': '30000' }) },
  ])('$name is waited out: no second attempt while it lasts; an abort ends the wait', async ({ given }) => {
    const events: ClientEvent[] = [];
    let waiting!: (wait: number) => void;
    const retry = new Promise<number>((resolve) => (waiting = resolve));
    const { client, server } = await serve((_req, res) => reply(res, 503, '', given()), {
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'retry') waiting(e.wait);
      },
    });
    fakeClientTimers({ date: true });
    vi.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
    const controller = new AbortController();
    let settled = false;
    const call = client.GET('/v1/models', { signal: controller.signal }).finally(() => (settled = true));
    const wait = await retry;
    expect(wait).toBe(30_000);
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(settled).toBe(false);
    expect(events.filter((e) => e.type === 'attempt')).toHaveLength(1);
    controller.abort();
    expect(await thrown(call)).toMatchObject({ code: 'ABORTED', retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});
