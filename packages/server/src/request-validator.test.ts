import { describe, expect, it } from 'vitest';
import { CatalogError, errataServer } from './index.js';
import { requestCheckOf } from './request-validator.js';

const server = errataServer();

function failure(run: () => void): { code: string; details: unknown; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const { body } = server.error(error.code as never, error.init, { requestId: 'req_0123456789abcdef' });
    return { code: body.code, details: body.details, message: body.message };
  }
}

const TEXT = '#/components/schemas/TextGenerationInput';
const IMAGE = '#/components/schemas/ImageGenerationInput';
const cases: {
  name: string;
  given: { operationId: string; pointer?: string; value: unknown };
  want: { code: string; field?: string; type?: string } | undefined;
}[] = [
  {
    name: "{type} is the offending value's JSON type",
    given: { operationId: 'runModel', pointer: IMAGE, value: { prompt: 'p', image_b64: 42 } },
    want: { code: 'INVALID_BASE64_INPUT', field: 'image_b64', type: 'number' },
  },
  {
    name: 'a valid finetune passes',
    given: { operationId: 'createFinetune', value: { model: 'echo-1', name: 'mine', files: ['file_1'] } },
    want: undefined,
  },
  {
    name: 'a missing field',
    given: { operationId: 'createFinetune', value: { name: 'mine', files: ['file_1'] } },
    want: { code: 'MISSING_REQUIRED_FIELD', field: 'model' },
  },
  {
    name: 'an unknown field',
    given: { operationId: 'createFinetune', value: { model: 'echo-1', name: 'mine', files: ['f'], extra: 1 } },
    want: { code: 'INVALID_FIELD_VALUE', field: 'extra' },
  },
  { name: 'not an object', given: { operationId: 'createFinetune', value: [1] }, want: { code: 'INVALID_REQUEST' } },
  {
    name: 'x-error-code names the code',
    given: { operationId: 'runModel', pointer: TEXT, value: { prompt: 'hi', temperature: 3 } },
    want: { code: 'INVALID_TEMPERATURE', field: 'temperature' },
  },
  {
    name: 'an x-error-code map by keyword: an empty prompt is not too long',
    given: { operationId: 'runModel', pointer: TEXT, value: { prompt: '' } },
    want: { code: 'INVALID_FIELD_VALUE', field: 'prompt' },
  },
  {
    name: 'a code the operation does not declare falls back on INVALID_REQUEST',
    given: { operationId: 'uploadFile', pointer: TEXT, value: { prompt: 'hi', temperature: 3 } },
    want: { code: 'INVALID_REQUEST', field: 'temperature' },
  },
];

describe('server.validator', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const got = failure(() => server.validator(given.operationId, given.pointer)(given.value));
    if (!want) return expect(got).toBeUndefined();
    expect(got?.code).toBe(want.code);
    if (want.field) expect(got?.details).toMatchObject({ field: want.field });
    if (want.type) expect(got?.details).toMatchObject({ type: want.type });
    expect(got?.message).not.toMatch(/\{\w+\}/);
  });

  // The validate stage runs the check behind a validator and throws what it returns: the same refusal.
  it.each(cases)('its check returns what it throws: $name', ({ given }) => {
    const validator = server.validator(given.operationId, given.pointer);
    let thrown: CatalogError | undefined;
    try {
      validator(given.value);
    } catch (error) {
      thrown = error as CatalogError;
    }
    const returned = requestCheckOf(validator)?.(given.value);
    expect([returned?.code, returned?.init]).toEqual([thrown?.code, thrown?.init]);
  });

  it('compiles once per operation and schema', () => {
    expect(server.validator('createFinetune')).toBe(server.validator('createFinetune'));
  });
});

describe('server.headers', () => {
  const get = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()];
  const cases: { name: string; given: Record<string, string>; want: string | undefined }[] = [
    { name: 'a normal key passes', given: { 'idempotency-key': 'k-1' }, want: undefined },
    { name: 'no key passes', given: {}, want: undefined },
    { name: 'an empty key is refused', given: { 'idempotency-key': '' }, want: 'INVALID_REQUEST' },
    {
      name: 'a key over 255 characters is refused',
      given: { 'idempotency-key': 'k'.repeat(256) },
      want: 'INVALID_REQUEST',
    },
    { name: 'a key of 255 characters passes', given: { 'idempotency-key': 'k'.repeat(255) }, want: undefined },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(failure(() => server.headers('createFinetune')(get(given)))?.code).toBe(want);
  });
});
