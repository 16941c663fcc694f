// What independent fuzzing found (Schemathesis, and a Prism validation proxy in front of the
// sandbox), each as a case over real HTTP that failed before its fix.
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { call, useSandbox } from './test-support/http.js';

const sandbox = useSandbox({ rateLimit: 100_000 });
const run = (headers: Record<string, string>, body: unknown = { prompt: 'hi' }) =>
  call(sandbox().url, 'POST', '/v1/models/echo-1/run', { body, headers });

describe('Idempotency-Key is checked against the spec (minLength 1, maxLength 255)', () => {
  it.each([
    { name: 'an empty key', given: '', want: 400 },
    { name: 'a key of 256 characters', given: 'k'.repeat(256), want: 400 },
    { name: 'a key of 255 characters', given: 'k'.repeat(255), want: 200 },
  ])('$name → $want', async ({ given, want }) => {
    const reply = await run({ 'Idempotency-Key': given });
    expect(reply.status).toBe(want);
    if (want === 400)
      expect(reply.body).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'Idempotency-Key' } });
  });

  it('never stores an empty key: another body under it is not a conflict', async () => {
    const before = sandbox().state.idempotency.size;
    const first = await run({ 'Idempotency-Key': '' }, { prompt: 'one' });
    const second = await run({ 'Idempotency-Key': '' }, { prompt: 'two' });
    expect([first.status, second.status]).toEqual([400, 400]);
    expect(second.body.code).not.toBe('IDEMPOTENCY_CONFLICT');
    expect(sandbox().state.idempotency.size).toBe(before);
  });
});

describe('a JSON operation takes only JSON', () => {
  it.each([
    { name: 'text/plain', given: 'text/plain', want: { status: 400, code: 'INVALID_REQUEST' } },
    {
      name: 'form-urlencoded',
      given: 'application/x-www-form-urlencoded',
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    { name: 'JSON with a charset', given: 'application/json; charset=utf-8', want: { status: 200, code: undefined } },
  ])('$name → $want.status', async ({ given, want }) => {
    const reply = await run({ 'Content-Type': given }, JSON.stringify({ prompt: 'hi' }));
    expect(reply.status).toBe(want.status);
    expect(reply.body.code).toBe(want.code);
    if (want.code) expect(reply.body.message).toContain('application/json');
  });
});

describe('uploadFile', () => {
  it('reports a file part without a filename as not a file, not as missing', async () => {
    const boundary = 'fuzzboundary';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n{"rank":8}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfinetune\r\n--${boundary}--\r\n`;
    const reply = await call(sandbox().url, 'POST', '/v1/files', {
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).not.toBe('MISSING_REQUIRED_FIELD');
    expect(reply.body).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'file' } });
    expect(reply.body.details.issue).toMatch(/filename/);
  });

  it('answers a FileObject whose url names no route that does not exist', async () => {
    const form = new FormData();
    form.append('file', new Blob(['{"rank":8}']), 'config.json');
    form.append('purpose', 'finetune');
    const reply = await call(sandbox().url, 'POST', '/v1/files', { body: form });
    expect(reply.status).toBe(201);
    const url = new URL(reply.body.url);
    // Not an HTTP URL on the sandbox (the spec has no route that serves a file) …
    expect(url.origin).not.toBe(sandbox().url);
    expect(reply.body.url).toBe(`urn:errata:file:${reply.body.id}`);
    // … where the old one answered ENDPOINT_NOT_FOUND.
    expect((await call(sandbox().url, 'GET', `/v1/files/${reply.body.id}`)).body.code).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('an unknown Errata-Simulate value', () => {
  const declares400 = (id: string) => [...model.declaredCodes(model.operation(id)!).values()].includes(400);

  it.each([
    {
      name: 'on listModels (no 400 declared) is ignored, saying why',
      given: { method: 'GET', path: '/v1/models', id: 'listModels' },
      want: 200,
    },
    {
      name: 'on getModel (no 400 declared) is ignored',
      given: { method: 'GET', path: '/v1/models/echo-1', id: 'getModel' },
      want: 200,
    },
  ])('$name', async ({ given, want }) => {
    expect(declares400(given.id)).toBe(false);
    const reply = await call(sandbox().url, given.method, given.path, { headers: { 'Errata-Simulate': 'NOT_A_CODE' } });
    expect(reply.status).toBe(want);
    expect(reply.headers.get('errata-simulate-ignored')).toBe('"NOT_A_CODE" is not a catalog code');
    expect(reply.headers.get('errata-simulated')).toBeNull();
  });
});
