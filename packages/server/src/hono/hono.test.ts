import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CatalogError, errataServer } from '../index.js';
import { body, type ErrataEnv, errorHandler, notFound, operation, requestId, validate } from './index.js';

const server = errataServer();
const logged: string[] = [];

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(server));
  app.get('/catalog/:model', (c) => {
    throw new CatalogError('MODEL_NOT_FOUND', { params: { model: c.req.param('model') } });
  });
  app.get('/bug', () => {
    throw new TypeError('Cannot read properties of undefined (secret sk_live_123)');
  });
  app.post(
    '/v1/finetunes',
    operation(server.model.operation('createFinetune')!),
    body(server, 'createFinetune', { limit: 200 }),
    validate(server, 'createFinetune'),
    (c) => c.json({ ok: true, body: c.var.body }, 201),
  );
  app.post('/v1/files', body(server, 'uploadFile', { limit: 10_000 }), (c) => {
    const form = c.var.body as Record<string, unknown>;
    return c.json({ purpose: form.purpose, file: form.file instanceof File ? form.file.name : typeof form.file });
  });
  app.onError(errorHandler(server, { log: (line) => logged.push(line) }));
  app.notFound(notFound(server));
  return app;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const finetune = JSON.stringify({ model: 'echo-1', name: 'n', files: ['f'] });

const cases: {
  name: string;
  given: { path: string; init?: RequestInit };
  want: { status: number; code?: string; field?: string };
}[] = [
  {
    name: 'a thrown catalog error is its envelope',
    given: { path: '/catalog/echo-9' },
    want: { status: 404, code: 'MODEL_NOT_FOUND' },
  },
  { name: 'any other throw is INTERNAL_ERROR', given: { path: '/bug' }, want: { status: 500, code: 'INTERNAL_ERROR' } },
  {
    name: 'an unrouted path is the spec’s unrouted code',
    given: { path: '/nowhere' },
    want: { status: 404, code: 'ENDPOINT_NOT_FOUND' },
  },
  {
    name: 'a valid JSON body reaches the handler',
    given: { path: '/v1/finetunes', init: { method: 'POST', headers: JSON_TYPE, body: finetune } },
    want: { status: 201 },
  },
  {
    name: 'text/plain to a JSON operation is refused',
    given: {
      path: '/v1/finetunes',
      init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: finetune },
    },
    want: { status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'no Content-Type is refused',
    given: { path: '/v1/finetunes', init: { method: 'POST', body: new Blob([finetune]) } },
    want: { status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'JSON with parameters in its media type is accepted',
    given: {
      path: '/v1/finetunes',
      init: { method: 'POST', headers: { 'Content-Type': 'Application/JSON; charset=utf-8' }, body: finetune },
    },
    want: { status: 201 },
  },
  {
    name: 'a body that is not JSON',
    given: { path: '/v1/finetunes', init: { method: 'POST', headers: JSON_TYPE, body: '{"model":' } },
    want: { status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'a body over the limit',
    given: {
      path: '/v1/finetunes',
      init: { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'x'.repeat(300) }) },
    },
    want: { status: 413, code: 'REQUEST_TOO_LARGE' },
  },
  {
    name: 'the schema answers with its codes',
    given: { path: '/v1/finetunes', init: { method: 'POST', headers: JSON_TYPE, body: '{"name":"n","files":["f"]}' } },
    want: { status: 400, code: 'MISSING_REQUIRED_FIELD', field: 'model' },
  },
  {
    name: 'an empty Idempotency-Key is refused',
    given: {
      path: '/v1/finetunes',
      init: { method: 'POST', headers: { ...JSON_TYPE, 'Idempotency-Key': '' }, body: finetune },
    },
    want: { status: 400, code: 'INVALID_REQUEST', field: 'Idempotency-Key' },
  },
];

describe('the Hono adapter', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    const res = await app().request(given.path, given.init);
    expect(res.status).toBe(want.status);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    if (!want.code) return;
    const envelope = (await res.json()) as Record<string, unknown>;
    expect(envelope).toMatchObject({ code: want.code, status: want.status, request_id: id });
    if (want.field) expect(envelope.details).toMatchObject({ field: want.field });
  });

  it('never sends a stack, and logs it instead', async () => {
    logged.length = 0;
    const res = await app().request('/bug');
    const text = await res.text();
    expect(text).not.toMatch(/TypeError|Cannot read|sk_live|at /);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`${res.headers.get('x-request-id')} unexpected error: TypeError`);
  });

  it('keeps a valid incoming X-Request-Id in the header and the body', async () => {
    const res = await app().request('/catalog/x', { headers: { 'X-Request-Id': 'edge-0123456789' } });
    expect(res.headers.get('x-request-id')).toBe('edge-0123456789');
    expect(((await res.json()) as { request_id: string }).request_id).toBe('edge-0123456789');
  });

  it('reads multipart through the same limit: a part with a filename is a File', async () => {
    const form = new FormData();
    form.set('purpose', 'finetune');
    form.set('file', new File(['{}'], 'config.json'));
    const res = await app().request('/v1/files', { method: 'POST', body: form });
    expect(await res.json()).toEqual({ purpose: 'finetune', file: 'config.json' });
    const big = new FormData();
    big.set('file', new File(['x'.repeat(20_000)], 'big.json'));
    expect((await app().request('/v1/files', { method: 'POST', body: big })).status).toBe(413);
  });
});
