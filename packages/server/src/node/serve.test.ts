// The safe server over real HTTP and raw TCP on 127.0.0.1, for a spec that declares none of the
// codes the kit answers on its own: every answer is still an envelope with a request id, and the
// startup check names what the spec should declare.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrataServer } from '../errata-server.js';
import { body, type ErrataEnv, errorHandler, requestId, validate } from '../hono/index.js';
import { raw, request, useServed } from '../test-support/http.js';
import { manualTimers } from '../test-support/manual-timers.js';
import { narrowSpec } from '../test-support/narrow-spec.js';

const kit = createErrataServer({ spec: narrowSpec(['INVALID_REQUEST', 'INTERNAL_ERROR', 'ENDPOINT_NOT_FOUND']) });
const timers = manualTimers();

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(kit));
  app.post('/v1/echo', body(kit, 'echo', { limit: 300_000, timers }), validate(kit, 'echo'), (c) => c.json(c.var.body));
  app.onError(errorHandler(kit, { log: null }));
  app.notFound((c) => c.json({}, 404));
  return app;
}

const served = useServed(app, kit, { headersTimeoutMs: 200, timeoutCheckMs: 50 });

describe('the safe server', () => {
  it.each([
    {
      name: 'a body over the limit, though the spec has no REQUEST_TOO_LARGE',
      given: 'x'.repeat(400_000),
      want: { status: 413, code: 'REQUEST_TOO_LARGE' },
    },
    {
      name: 'JSON nested 100,000 deep',
      given: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: 'JSON nested 65 deep',
      given: `${'['.repeat(65)}${']'.repeat(65)}`,
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: 'JSON nested 64 deep, a string of brackets aside',
      given: `{"a":"[[[[","c":${'['.repeat(63)}${']'.repeat(63)}}`,
      want: { status: 200, code: undefined },
    },
  ])('$name → $want.status', async ({ given, want }) => {
    const reply = await request(`${served().url}/v1/echo`, {
      body: given,
      headers: { 'Content-Type': 'application/json' },
    });
    expect([reply.status, reply.body.code]).toEqual([want.status, want.code]);
    if (want.code) expect(reply.body.request_id).toBe(reply.headers.get('x-request-id'));
  });

  it.each([
    {
      name: 'a control byte in a header',
      given: 'GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
      want: [400, 'INVALID_REQUEST'],
    },
    { name: 'headers that never end', given: 'GET / HTTP/1.1\r\nHost: x\r\n', want: [408, 'TIMEOUT'] },
  ])('answers $name with the envelope and a request id', async ({ given, want }) => {
    const { head, body: text } = await raw(served().port, given).reply;
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${want[0]} `));
    const id = /\r\nX-Request-Id: (\S+)/i.exec(head)?.[1];
    expect(JSON.parse(text)).toMatchObject({ code: want[1], status: want[0], request_id: id });
  });

  it('answers a body that stalls 408 TIMEOUT and closes the connection', async () => {
    const stalled = raw(
      served().port,
      'POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"a":',
    );
    await stalled.sent;
    await timers.pending();
    timers.fireNext();
    const { head, body: text } = await stalled.reply;
    expect(head).toMatch(/^HTTP\/1.1 408 /);
    expect(head).toMatch(/\r\nConnection: close/i);
    expect(JSON.parse(text)).toMatchObject({ code: 'TIMEOUT', status: 408 });
  });

  it('runs the startup check: what the spec should declare for the kit to answer honestly', () => {
    const found = served().findings.map((f) => `${f.operationId ?? '*'} ${f.status} ${f.code}`);
    expect(found).toEqual([
      '* 413 REQUEST_TOO_LARGE',
      '* 408 TIMEOUT',
      'echo 413 REQUEST_TOO_LARGE',
      'echo 408 TIMEOUT',
      'echo 401 MISSING_API_KEY',
      'echo 401 INVALID_API_KEY',
    ]);
  });
});
