import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrataServer, type ErrorInit, errataSpec, type RateLimitState } from '../index.js';
import { request, useServed } from '../test-support/http.js';
import { type ErrataEnv, errorHandler, requestId, respond } from './index.js';

// respond() serialises each code's constant members once; what it sends must stay exactly what
// server.error() describes: the same bytes as JSON.stringify(body), the same headers.
const kits = {
  plain: createErrataServer({ spec: errataSpec(), retryAfter: 7 }),
  legacy: createErrataServer({ spec: errataSpec(), legacyError: (e) => ({ message: e.message, type: e.category }) }),
  problem: createErrataServer({ spec: errataSpec(), problemDetails: 'always' }),
};
type Kit = keyof typeof kits;
const window: RateLimitState = { limit: 10, remaining: 0, reset: 12, window: 60 };

interface Given {
  kit?: Kit;
  code: string;
  init?: ErrorInit;
  /** Without the request-id stage (respond mints the id and sends the header itself). */
  unstaged?: boolean;
  rateLimit?: boolean;
  /** The operation answered (its 429 requires Retry-After). */
  operationId?: string;
}

const given: Given[] = [
  ...[...kits.plain.model.errors.keys()].map((code) => ({ code })),
  { code: 'MODEL_NOT_FOUND', init: { params: { model: 'echo "9"\n' } } },
  { code: 'INVALID_FIELD_VALUE', init: { params: { field: 'n', issue: 'must be <= 4', unused: 'x' } } },
  { code: 'INVALID_FIELD_VALUE', init: { details: { issue: 'x', nested: { a: [1, null] } } } },
  {
    code: 'INTERNAL_ERROR',
    init: { message: 'Something “broke”.', headers: { 'Errata-Simulated': 'INTERNAL_ERROR' } },
  },
  { code: 'INTERNAL_ERROR', init: { message: '' } },
  { code: 'RATE_LIMIT_EXCEEDED', init: { retryAfter: Number.POSITIVE_INFINITY }, rateLimit: true },
  { code: 'RATE_LIMIT_EXCEEDED', rateLimit: true, operationId: 'listModels' },
  { code: 'OVERLOADED', init: { retryAfter: 2.5 } },
  { code: 'MISSING_API_KEY', unstaged: true },
  // Nothing filled (the text joined once around the request id), a wait given to a code that states none.
  { code: 'INVALID_API_KEY', init: { retryAfter: 3 } },
  { code: 'MISSING_API_KEY', init: { headers: { 'X-Request-Id': 'req_overridden_by_init' } } },
  { code: 'MISSING_API_KEY', init: { headers: { 'Content-Type': 'text/plain' } } },
  { kit: 'legacy', code: 'MODEL_NOT_FOUND', init: { params: { model: 'x' } } },
  { kit: 'problem', code: 'RATE_LIMIT_EXCEEDED', rateLimit: true },
  { kit: 'problem', code: 'MISSING_API_KEY', unstaged: true },
];
const cases = given.map((g) => ({ name: `${g.kit ?? 'plain'} ${g.code} ${JSON.stringify(g).slice(0, 90)}`, given: g }));

function app() {
  const app = new Hono<ErrataEnv>();
  app.get('/:case', (c, next) =>
    given[Number(c.req.param('case'))]!.unstaged ? next() : requestId(kits.plain)(c, next),
  );
  app.get('/:case', (c) => {
    const g = given[Number(c.req.param('case'))]!;
    if (g.rateLimit) c.set('rateLimit', window);
    if (g.operationId) c.set('operation', kits.plain.model.operation(g.operationId));
    return respond(c, kits[g.kit ?? 'plain'], g.code, g.init);
  });
  app.onError(errorHandler(kits.plain, { log: null }));
  return app;
}

const IGNORED = new Set(['date', 'connection', 'keep-alive', 'content-length']);

describe('respond', () => {
  const served = useServed(app, kits.plain);
  it.each(cases)('$name', async ({ given: g }) => {
    const response = await fetch(`${served().url}/${given.indexOf(g)}`);
    const text = await response.text();
    const id = response.headers.get('x-request-id')!;
    const want = kits[g.kit ?? 'plain'].error(g.code, g.init, {
      requestId: id,
      ...(g.rateLimit ? { rateLimit: window } : {}),
      ...(g.operationId ? { operation: kits.plain.model.operation(g.operationId) } : {}),
    });
    expect(response.status).toBe(want.status);
    expect(text).toBe(JSON.stringify(want.body));
    const sent = Object.fromEntries([...response.headers].filter(([name]) => !IGNORED.has(name)));
    const wantHeaders = Object.fromEntries(Object.entries(want.headers).map(([n, v]) => [n.toLowerCase(), v]));
    // The staged id wins over one init.headers names: the body carries it.
    if (!g.unstaged) wantHeaders['x-request-id'] = id;
    expect(sent).toEqual(wantHeaders);
  });

  it('sends an incoming request id it keeps, in the header and the body', async () => {
    const reply = await request(`${served().url}/0`, { headers: { 'X-Request-Id': 'req_from_the_proxy_1' } });
    expect(reply.headers.get('x-request-id')).toBe('req_from_the_proxy_1');
    expect(reply.body.request_id).toBe('req_from_the_proxy_1');
  });
});
