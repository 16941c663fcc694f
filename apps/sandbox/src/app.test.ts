// Behaviour of the sandbox over real HTTP: validation mapped to catalog codes, the seeded keys,
// Errata-Simulate, unknown routes, body limits, request ids, and logs without keys.
import { catalog, errorCodes } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { call, useSandbox } from './test-support/http.js';

const lines: string[] = [];
const sandbox = useSandbox({ rateLimit: 100_000, bodyLimitBytes: 40_000, log: (line) => lines.push(line) });
const run = (model: string, body: unknown, key?: string) =>
  call(sandbox().url, 'POST', `/v1/models/${model}/run`, { body, ...(key ? { key } : {}) });

describe('request validation from the spec', () => {
  it.each([
    {
      name: 'missing prompt',
      given: { model: 'echo-1', body: { max_tokens: 5 } },
      want: { code: 'MISSING_REQUIRED_FIELD', field: 'prompt' },
    },
    {
      name: 'prompt over 32000 characters',
      given: { model: 'echo-1', body: { prompt: 'x'.repeat(32_001) } },
      want: { code: 'PROMPT_TOO_LONG', field: 'prompt' },
    },
    {
      name: 'an empty prompt (minLength, not "too long")',
      given: { model: 'echo-1', body: { prompt: '' } },
      want: { code: 'INVALID_FIELD_VALUE', field: 'prompt' },
    },
    {
      name: 'an empty image prompt',
      given: { model: 'pixel-1', body: { prompt: '' } },
      want: { code: 'INVALID_FIELD_VALUE', field: 'prompt' },
    },
    {
      name: 'temperature above 2',
      given: { model: 'echo-1', body: { prompt: 'hi', temperature: 2.5 } },
      want: { code: 'INVALID_TEMPERATURE', field: 'temperature' },
    },
    {
      name: 'max_tokens of 0',
      given: { model: 'echo-1', body: { prompt: 'hi', max_tokens: 0 } },
      want: { code: 'INVALID_MAX_TOKENS', field: 'max_tokens' },
    },
    {
      name: 'a field the input does not have',
      given: { model: 'echo-1', body: { prompt: 'hi', colour: 'red' } },
      want: { code: 'INVALID_FIELD_VALUE', field: 'colour' },
    },
    {
      name: 'width below 256',
      given: { model: 'pixel-1', body: { prompt: 'p', width: 128 } },
      want: { code: 'INVALID_IMAGE_SIZE', field: 'width' },
    },
    {
      name: 'height not divisible by 8',
      given: { model: 'pixel-1', body: { prompt: 'p', height: 260 } },
      want: { code: 'INVALID_IMAGE_SIZE', field: 'height' },
    },
    {
      name: 'samples above 4',
      given: { model: 'pixel-1', body: { prompt: 'p', samples: 5 } },
      want: { code: 'INVALID_FIELD_VALUE', field: 'samples' },
    },
    {
      name: 'guidance_scale above 20',
      given: { model: 'pixel-1', body: { prompt: 'p', guidance_scale: 21 } },
      want: { code: 'INVALID_FIELD_VALUE', field: 'guidance_scale' },
    },
    {
      name: 'quality not in the enum',
      given: { model: 'pixel-1', body: { prompt: 'p', quality: 'ultra' } },
      want: { code: 'INVALID_IMAGE_QUALITY', field: 'quality' },
    },
    {
      name: 'invalid base64',
      given: { model: 'pixel-1', body: { prompt: 'p', image_b64: 'abc' } },
      want: { code: 'INVALID_BASE64_INPUT', field: 'image_b64' },
    },
    { name: 'malformed JSON', given: { model: 'echo-1', body: '{"prompt":' }, want: { code: 'INVALID_REQUEST' } },
    { name: 'a JSON array', given: { model: 'echo-1', body: '[1,2]' }, want: { code: 'INVALID_REQUEST' } },
    {
      name: 'LoRA on a model without it',
      given: { model: 'pixel-1', body: { prompt: 'p', lora: 'style' } },
      want: { code: 'LORA_NOT_SUPPORTED' },
    },
    {
      name: 'an unknown finetune',
      given: { model: 'echo-1', body: { prompt: 'p', finetune_id: 'ft_0000000000' } },
      want: { code: 'RESOURCE_NOT_FOUND' },
    },
    { name: 'an unknown model', given: { model: 'nope-9', body: { prompt: 'p' } }, want: { code: 'MODEL_NOT_FOUND' } },
    {
      name: 'a private model',
      given: { model: 'private-1', body: { prompt: 'p' } },
      want: { code: 'MODEL_ACCESS_DENIED' },
    },
    {
      name: 'a model needing an agreement',
      given: { model: 'gated-1', body: { prompt: 'p' } },
      want: { code: 'MODEL_AGREEMENT_REQUIRED' },
    },
    {
      name: 'output that breaks its schema',
      given: { model: 'broken-1', body: { prompt: 'p' } },
      want: { code: 'INVALID_OUTPUT' },
    },
    { name: 'a failing model', given: { model: 'fail-1', body: { prompt: 'p' } }, want: { code: 'PROCESSING_ERROR' } },
  ])('$name → $want.code', async ({ given, want }) => {
    const reply = await run(given.model, given.body);
    expect(reply.body.code).toBe(want.code);
    expect(reply.status).toBe(catalog[want.code as 'INVALID_REQUEST'].status);
    if (want.field) {
      expect(reply.body.details.field).toBe(want.field);
      expect(reply.body.details.issues[0]).toMatchObject({ path: `/${want.field}` });
    }
  });

  it('lists every violation in details.issues, with the failing keyword', async () => {
    const reply = await run('pixel-1', { prompt: 'p', width: 2000, samples: 0 });
    expect(reply.body.details.issues).toEqual([
      { path: '/width', message: 'must be <= 1024', code: 'maximum' },
      { path: '/samples', message: 'must be >= 1', code: 'minimum' },
    ]);
  });

  it('runs the deterministic models', async () => {
    const text = await run('echo-1', { prompt: 'one two three', max_tokens: 2 });
    expect(text.body).toMatchObject({ model: 'echo-1', output: { text: 'one two', finish_reason: 'length' } });
    const image = await run('pixel-1', { prompt: 'sea', width: 256, height: 256, samples: 2 });
    expect(image.body.output.images).toHaveLength(2);
    const png = Buffer.from(image.body.output.images[0].url.split(',')[1], 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256);
    expect((await run('pixel-1', { prompt: 'sea', width: 256, height: 256, samples: 2 })).body).toEqual(image.body);
  });
});

describe('seeded keys', () => {
  it.each([
    { name: 'no key', given: { key: null, op: ['GET', '/v1/models'] }, want: 'MISSING_API_KEY' },
    { name: 'an unknown key', given: { key: 'sk_test_nope', op: ['GET', '/v1/models'] }, want: 'INVALID_API_KEY' },
    { name: 'sk_test_expired', given: { key: 'sk_test_expired', op: ['GET', '/v1/models'] }, want: 'EXPIRED_API_KEY' },
    { name: 'sk_test_revoked', given: { key: 'sk_test_revoked', op: ['GET', '/v1/models'] }, want: 'REVOKED_API_KEY' },
    {
      name: 'sk_test_suspended',
      given: { key: 'sk_test_suspended', op: ['GET', '/v1/models'] },
      want: 'ACCOUNT_SUSPENDED',
    },
    { name: 'sk_test_quota', given: { key: 'sk_test_quota', op: ['GET', '/v1/models'] }, want: 'QUOTA_EXCEEDED' },
    {
      name: 'sk_test_readonly writing',
      given: { key: 'sk_test_readonly', op: ['POST', '/v1/models/echo-1/run'] },
      want: 'INSUFFICIENT_PERMISSIONS',
    },
    {
      name: 'sk_test_broke running',
      given: { key: 'sk_test_broke', op: ['POST', '/v1/models/echo-1/run'] },
      want: 'INSUFFICIENT_BALANCE',
    },
    {
      name: 'sk_test_free creating a finetune',
      given: { key: 'sk_test_free', op: ['POST', '/v1/finetunes'] },
      want: 'PLAN_FEATURE_UNAVAILABLE',
    },
    { name: 'sk_test_readonly reading', given: { key: 'sk_test_readonly', op: ['GET', '/v1/models'] }, want: 200 },
  ])('$name → $want', async ({ given, want }) => {
    const reply = await call(sandbox().url, given.op[0]!, given.op[1]!, {
      key: given.key,
      body: given.op[1]!.endsWith('/run')
        ? { prompt: 'hi' }
        : given.op[0] === 'POST'
          ? { model: 'echo-1', name: 'n', files: ['f'] }
          : undefined,
    });
    if (typeof want === 'number') expect(reply.status).toBe(want);
    else expect([reply.status, reply.body.code]).toEqual([catalog[want as 'MISSING_API_KEY'].status, want]);
  });
});

describe('Errata-Simulate', () => {
  const operations = model.operations;
  const cases = errorCodes.flatMap((code) => {
    const operation = operations.find((op) => model.declaredCodes(op).has(code));
    return operation ? [{ code, operation }] : [];
  });

  it.each(cases)('$code on $operation.operationId answers its catalog status', async ({ code, operation }) => {
    const path = operation.path.replace('{model}', 'echo-1').replace('{request_id}', 'req_0000000000000000');
    const reply = await call(sandbox().url, operation.method, path, { headers: { 'Errata-Simulate': code } });
    expect([reply.status, reply.body.code]).toEqual([catalog[code].status, code]);
    expect(reply.body.request_id).toBe(reply.headers.get('x-request-id'));
    if (catalog[code].retry === 'after_retry_after')
      expect(reply.headers.get('retry-after')).toBe(String(reply.body.retry_after));
  });

  it('answers a code the operation does not declare, and says so', async () => {
    const reply = await call(sandbox().url, 'GET', '/v1/models', { headers: { 'Errata-Simulate': 'PROMPT_TOO_LONG' } });
    expect([reply.status, reply.body.code]).toEqual([400, 'PROMPT_TOO_LONG']);
    expect(reply.headers.get('errata-simulate-undeclared')).toMatch(/listModels does not declare PROMPT_TOO_LONG/);
  });

  it('rejects a string that is no catalog code where the operation declares INVALID_REQUEST', async () => {
    const reply = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', {
      body: { prompt: 'hi' },
      headers: { 'Errata-Simulate': 'NOPE' },
    });
    expect(reply.body.code).toBe('INVALID_REQUEST');
    expect(reply.body.message).toMatch(/"NOPE" is not a catalog code; runModel declares \w+/);
  });

  it('takes Retry-After from Errata-Simulate-Retry-After', async () => {
    const reply = await call(sandbox().url, 'GET', '/v1/models', {
      headers: { 'Errata-Simulate': 'SERVICE_UNAVAILABLE', 'Errata-Simulate-Retry-After': '30' },
    });
    expect([reply.headers.get('retry-after'), reply.body.retry_after]).toEqual(['30', 30]);
  });
});

describe('every response', () => {
  it.each([
    { name: 'an unknown route', given: ['GET', '/v2/nothing'], want: 'ENDPOINT_NOT_FOUND' },
    { name: 'a known path with another method', given: ['DELETE', '/v1/models'], want: 'ENDPOINT_NOT_FOUND' },
    { name: 'a body over the limit', given: ['POST', '/v1/models/echo-1/run'], want: 'REQUEST_TOO_LARGE' },
  ])('$name → $want', async ({ given, want }) => {
    const reply = await call(sandbox().url, given[0]!, given[1]!, {
      body: given[0] === 'POST' ? { prompt: 'x'.repeat(50_000) } : undefined,
    });
    expect(reply.body.code).toBe(want);
    expect(reply.status).toBe(catalog[want as 'ENDPOINT_NOT_FOUND'].status);
  });

  it('carries a unique X-Request-Id, success or not', async () => {
    const ids = await Promise.all([
      call(sandbox().url, 'GET', '/v1/models'),
      call(sandbox().url, 'GET', '/v1/models', { key: null }),
      call(sandbox().url, 'GET', '/docs/'),
    ]).then((replies) => replies.map((r) => r.headers.get('x-request-id')));
    for (const id of ids) expect(id).toMatch(/^req_[a-f0-9]{32}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('never writes an API key to the log', async () => {
    await call(sandbox().url, 'GET', '/v1/models', { key: 'sk_test_valid' });
    await call(sandbox().url, 'GET', '/v1/models?api_key=sk_live_leak', { key: 'sk_live_secret_123' });
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const secret of ['sk_test_valid', 'sk_live_secret_123', 'sk_live_leak']) expect(log).not.toContain(secret);
  });
});
