// The rate-limit stage over real HTTP: the window on every response in both forms (the IETF
// draft's RateLimit / RateLimit-Policy and the legacy trio), and RATE_LIMIT_EXCEEDED past it.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../catalog-error.js';
import { errataServer } from '../../errata-spec.js';
import { request, useServed } from '../../test-support/http.js';
import { manualTimers } from '../../test-support/manual-timers.js';
import { type ErrataEnv, errorHandler, requestId } from '../index.js';
import { fixedWindow } from './fixed-window.js';
import { rateLimit } from './index.js';

const kit = errataServer();
const timers = manualTimers();

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(kit));
  app.use('*', async (c, next) => {
    c.set('credentialId', c.req.header('x-caller'));
    await next();
  });
  app.use('*', rateLimit(kit, { take: fixedWindow({ limit: 2, windowMs: 60_000, timers }) }));
  app.get('/', (c) => c.json({ ok: true }));
  // A response the handler builds itself, and a failure after the stage: both still say where the window stands.
  app.get('/raw', () => new Response('ok'));
  app.get('/fails', () => {
    throw new CatalogError('MODEL_NOT_FOUND', { params: { model: 'x' } });
  });
  app.onError(errorHandler(kit));
  return app;
}
const served = useServed(app, kit);
const fields = (h: Headers) =>
  ['ratelimit', 'ratelimit-policy', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'].map(
    (name) => h.get(name),
  );

describe('rateLimit', () => {
  it('counts each caller in its own window and answers RATE_LIMIT_EXCEEDED past it', async () => {
    const get = (caller: string) => request(`${served().url}/`, { headers: { 'X-Caller': caller } });
    const [first, second, third] = [await get('a'), await get('a'), await get('a')];
    expect(fields(first.headers)).toEqual(['"default";r=1;t=60', '"default";q=2;w=60', '2', '1', '60', null]);
    expect(second.status).toBe(200);
    expect([third.status, third.body.code, third.body.retry_after]).toEqual([429, 'RATE_LIMIT_EXCEEDED', 60]);
    expect(fields(third.headers)).toEqual(['"default";r=0;t=60', '"default";q=2;w=60', '2', '0', '60', '60']);
    expect((await get('b')).status).toBe(200);
  });

  it.each([
    { name: 'a response the handler built itself', given: '/raw', want: { status: 200, remaining: '1' } },
    { name: 'an error thrown after the stage', given: '/fails', want: { status: 404, remaining: '1' } },
  ])('sends the window on $name, each field once', async ({ given, want }) => {
    const reply = await request(`${served().url}${given}`, { headers: { 'X-Caller': `caller ${given}` } });
    expect(reply.status).toBe(want.status);
    expect(fields(reply.headers)).toEqual([
      `"default";r=${want.remaining};t=60`,
      '"default";q=2;w=60',
      '2',
      want.remaining,
      '60',
      null,
    ]);
  });

  it('opens a new window once the old one is over', async () => {
    timers.advance(60_000);
    expect((await request(`${served().url}/`, { headers: { 'X-Caller': 'a' } })).status).toBe(200);
  });
});
