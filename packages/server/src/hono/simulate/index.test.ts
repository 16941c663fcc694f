// The simulate stage over real HTTP: off unless enabled; on, a declared code answers its envelope
// filled from the request and the spec's example, with a finite wait.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errataServer } from '../../errata-spec.js';
import { request, useServed } from '../../test-support/http.js';
import { type ErrataEnv, errorHandler, operation, requestId } from '../index.js';
import { simulate } from './index.js';

const kit = errataServer();
const getModel = kit.model.operation('getModel')!;
const runModel = kit.model.operation('runModel')!;

function app(enabled: boolean) {
  return () => {
    const app = new Hono<ErrataEnv>();
    app.use('*', requestId(kit));
    app.get('/v1/models/:model', operation(getModel), simulate(kit, { enabled }), (c) => c.json({ ok: true }));
    app.post('/v1/models/:model/run', operation(runModel), simulate(kit, { enabled }), (c) => c.json({ ok: true }));
    app.onError(errorHandler(kit));
    return app;
  };
}

describe('simulate, off (the default)', () => {
  const served = useServed(app(false), kit);
  it('ignores the header', async () => {
    const reply = await request(`${served().url}/v1/models/m1`, { headers: { 'Errata-Simulate': 'MODEL_NOT_FOUND' } });
    expect([reply.status, reply.body]).toEqual([200, { ok: true }]);
  });
});

describe('simulate, on', () => {
  const served = useServed(app(true), kit);
  const get = (headers: Record<string, string>) => request(`${served().url}/v1/models/m1`, { headers });

  it.each<{ name: string; given: Record<string, string>; want: Record<string, string | number | null> }>([
    {
      name: 'a declared code, its template filled from the path',
      given: { 'Errata-Simulate': 'MODEL_NOT_FOUND' },
      want: { status: 404, code: 'MODEL_NOT_FOUND', message: 'Model m1 does not exist.', retryAfter: null },
    },
    {
      name: 'a wait from Errata-Simulate-Retry-After',
      given: { 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', 'Errata-Simulate-Retry-After': '30' },
      want: { status: 429, code: 'RATE_LIMIT_EXCEEDED', retryAfter: '30' },
    },
    {
      name: 'a wait too large for any timer, capped at a day',
      given: { 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', 'Errata-Simulate-Retry-After': '9'.repeat(400) },
      want: { status: 429, code: 'RATE_LIMIT_EXCEEDED', retryAfter: '86400' },
    },
  ])('$name', async ({ given, want }) => {
    const reply = await get(given);
    expect([reply.status, reply.body.code, reply.headers.get('retry-after')]).toEqual([
      want.status,
      want.code,
      want.retryAfter,
    ]);
    if (want.message) expect(reply.body.message).toBe(want.message);
    if (want.retryAfter) expect(reply.body.retry_after).toBe(Number(want.retryAfter));
    expect(reply.headers.get('errata-simulated')).toBe(want.code);
  });

  it('ignores a code the operation does not declare, saying why', async () => {
    const reply = await get({ 'Errata-Simulate': 'PROMPT_TOO_LONG' });
    expect([reply.status, reply.headers.get('errata-simulate-ignored')]).toEqual([
      200,
      'getModel does not declare PROMPT_TOO_LONG',
    ]);
  });

  it('refuses a value that is no code where the operation declares INVALID_REQUEST', async () => {
    const reply = await request(`${served().url}/v1/models/m1/run`, {
      body: {},
      headers: { 'Errata-Simulate': 'NOPE' },
    });
    expect([reply.status, reply.body.code]).toEqual([400, 'INVALID_REQUEST']);
    expect(reply.body.message).toContain('"NOPE" is not a catalog code');
  });
});
