// The onEvent hook: every attempt, wait and outcome, in order, never the key; silent by default.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../src/index.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

const model = { params: { path: { model: 'echo-1' } } } as const;
const run = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { id: 'echo-1', output: { text: 'hi' } });
// Headers, then part of the promised body, then a reset; or the part and nothing more (a stall).
const cut = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"id":"ec', () => res.destroy());
};

describe('the onEvent hook', () => {
  it('sees every attempt, each wait and why, and the outcome, in order; never the key', async () => {
    const events: ClientEvent[] = [];
    const { client } = await serve(
      (_req, res, i) =>
        i === 0
          ? reply(res, 503, '', { 'retry-after-ms': '5', 'x-request-id': 'req_a' })
          : i === 1
            ? cut(res)
            : ok(res),
      { onEvent: (e) => events.push(e) },
    );
    await client.POST('/v1/models/{model}/run', { ...run, idempotencyKey: 'k1' });
    expect(events.map((e) => e.type)).toEqual(['attempt', 'retry', 'attempt', 'retry', 'attempt', 'done']);
    expect(events[0]).toMatchObject({
      method: 'POST',
      path: '/v1/models/{model}/run',
      attempt: 1,
      idempotencyKey: 'k1',
    });
    expect(events[1]).toMatchObject({
      attempt: 1,
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      requestId: 'req_a',
      wait: 5,
      reason: 'retry-after',
    });
    expect(events[3]).toMatchObject({ attempt: 2, code: 'RESPONSE_INCOMPLETE', reason: 'backoff' });
    expect(events[5]).toMatchObject({ attempt: 3, outcome: 'data', status: 200 });
    expect(JSON.stringify(events)).not.toContain('sk_test_valid');
  });

  it('says why it stopped, and a hook that throws changes nothing', async () => {
    const events: ClientEvent[] = [];
    const { client } = await serve((_req, res) => reply(res, 404, ''), {
      onEvent: (e) => {
        events.push(e);
        throw new Error('hook');
      },
    });
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error?.code).toBe('RESOURCE_NOT_FOUND');
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      outcome: 'error',
      status: 404,
      code: 'RESOURCE_NOT_FOUND',
      reason: 'never',
    });
  });

  it('is silent by default: nothing is logged', async () => {
    const seen: unknown[] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => seen.push(args);
    try {
      const { client } = await serve((_req, res) => ok(res));
      await client.GET('/v1/models/{model}', model);
      expect(seen).toEqual([]);
      const { client: loud } = await serve((_req, res) => ok(res), { debug: true });
      await loud.GET('/v1/models/{model}', model);
      expect(seen.length).toBe(2);
    } finally {
      console.debug = original;
    }
  });
});
