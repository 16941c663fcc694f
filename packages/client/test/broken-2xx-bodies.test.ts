// A 2xx whose body breaks (reset mid-body, stalled past the timeout) is a failed attempt, retried
// like a refused connection, over real sockets on 127.0.0.1.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClientTimers, recordEvents, runAttempts } from './helpers/events.js';
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
const run = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { id: 'echo-1', output: { text: 'hi' } });
// Headers, then part of the promised body, then a reset; or the part and nothing more (a stall).
const cut = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"id":"ec', () => res.destroy());
};
const stall = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"id":"ec');
};

describe('a 2xx whose body breaks off or stalls is retried like a refused connection', () => {
  const calls = [
    { name: 'GET', given: (c: Awaited<ReturnType<typeof serve>>['client']) => c.GET('/v1/models/{model}', model) },
    { name: 'POST', given: (c: Awaited<ReturnType<typeof serve>>['client']) => c.POST('/v1/models/{model}/run', run) },
  ];
  const faults = [
    { name: 'reset mid-body', fault: cut, want: 'RESPONSE_INCOMPLETE' },
    { name: 'stalled past timeout', fault: stall, want: 'CLIENT_TIMEOUT' },
  ];
  const table = calls.flatMap((c) => faults.map((f) => ({ ...c, ...f, name: `${c.name}: ${f.name}` })));

  // The client's timers are fake: a stalled attempt is timed out once it reached the server, and
  // each wait between attempts is run to its end once the client says it began.
  it.each(table)('$name → retried, then the data; one Idempotency-Key on a POST', async ({ given, fault, name }) => {
    const recorder = recordEvents();
    const { client, server } = await serve((_req, res, i) => (i === 0 ? fault(res) : ok(res)), {
      timeout: 300,
      onEvent: recorder.onEvent,
    });
    fakeClientTimers();
    const call = given(client);
    await runAttempts({ attempts: 2, recorder, server, stalled: fault === stall ? 1 : 0, timeout: 300 });
    const { data } = await call;
    expect(data).toMatchObject({ id: 'echo-1' });
    expect(recorder.count('attempt')).toBe(2);
    expect(server.requests).toHaveLength(2);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    if (name.startsWith('POST')) expect(keys[1]).toBe(keys[0]);
    else expect(keys).toEqual([undefined, undefined]);
  });

  it.each(table)('$name on every attempt → $want after maxRetries + 1 attempts', async ({ given, fault, want }) => {
    const recorder = recordEvents();
    const { client, server } = await serve((_req, res) => fault(res), {
      timeout: 100,
      maxRetries: 2,
      onEvent: recorder.onEvent,
    });
    fakeClientTimers();
    const call = thrown(given(client));
    await runAttempts({ attempts: 3, recorder, server, stalled: fault === stall ? 3 : 0, timeout: 100 });
    expect(await call).toMatchObject({ code: want, retryable: true });
    expect(recorder.count('attempt')).toBe(3);
  });
});
