// The attempt timer strategy (reused controllers, one shared timer per client), seen from outside:
// every attempt is still stopped at its own end, and one timing out stops no other.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('reused attempt controllers (the success path does not allocate an AbortSignal per call)', () => {
  it('a timeout after many clean calls still fires, and the call after it still succeeds', async () => {
    const { client, server } = await serve((req, res) => (req.url.endsWith('/stall') ? undefined : ok(res)), {
      timeout: 200,
      maxRetries: 0,
    });
    const stall = { params: { path: { model: 'stall' } } };
    const stalls = (count: number) => server.received(count, (r) => r.url.endsWith('/stall'));
    fakeClientTimers();
    for (let i = 0; i < 5; i++)
      expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ id: 'echo-1' });
    const stalled = thrown(client.GET('/v1/models/{model}', stall));
    await stalls(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(await stalled).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ id: 'echo-1' });
    // Concurrent calls each get their own controller: one timing out aborts no other.
    const a = thrown(client.GET('/v1/models/{model}', stall));
    const b = client.GET('/v1/models/{model}', model);
    expect((await b).data).toMatchObject({ id: 'echo-1' });
    await stalls(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(await a).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    expect(server.requests.length).toBeGreaterThanOrEqual(7);
  });

  // The client keeps one timer for all its attempts, set for the earliest end: an attempt that
  // ends before the one the timer waits for must still be stopped at its own end.
  it('a short per-call timeout started after a long one is stopped at its own end', async () => {
    const { client, server } = await serve(() => undefined, { maxRetries: 0 });
    const stall = { params: { path: { model: 'stall' } } };
    const controller = new AbortController();
    fakeClientTimers();
    let longSettled = false;
    const long = thrown(client.GET('/v1/models/{model}', { ...stall, signal: controller.signal })).finally(
      () => (longSettled = true),
    );
    const short = thrown(client.GET('/v1/models/{model}', { ...stall, timeout: 100 }));
    await server.received(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(await short).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    // The long one (the default 60 s) is still running: only the abort ends it.
    expect(longSettled).toBe(false);
    controller.abort();
    expect(await long).toMatchObject({ code: 'ABORTED' });
  });
});
