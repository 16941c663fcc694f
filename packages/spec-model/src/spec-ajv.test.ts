// The document's schemas compile by pointer with their $refs resolved, and base64 content is
// checked rather than ignored (ajv treats contentEncoding as an annotation by default).
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './document.js';
import { compileSpecSchema, createSpecAjv } from './spec-ajv.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Id: { type: 'string', pattern: '^req_[0-9a-f]{4}$' },
      Upload: {
        type: 'object',
        required: ['id', 'data'],
        properties: { id: { $ref: '#/components/schemas/Id' }, data: { type: 'string', contentEncoding: 'base64' } },
      },
    },
  },
};

describe('compileSpecSchema', () => {
  const validate = compileSpecSchema(createSpecAjv(document, { verbose: true }), '#/components/schemas/Upload');

  it.each([
    { name: 'valid', given: { id: 'req_00af', data: 'aGk=' }, want: [] },
    { name: 'a $ref target violated', given: { id: 'nope', data: 'aGk=' }, want: ['pattern'] },
    { name: 'padding in the middle', given: { id: 'req_00af', data: 'aG=k' }, want: ['contentEncoding'] },
    { name: 'not whole quanta', given: { id: 'req_00af', data: 'aGk' }, want: ['contentEncoding'] },
    { name: 'missing field', given: { id: 'req_00af' }, want: ['required'] },
  ])('$name → $want', ({ given, want }) => {
    validate(given);
    expect((validate.errors ?? []).map((error) => error.keyword)).toEqual(want);
  });

  it('keeps the failing schema on a base64 error, for x-error-code lookups', () => {
    validate({ id: 'req_00af', data: '!' });
    expect(validate.errors?.[0]?.parentSchema).toMatchObject({ contentEncoding: 'base64' });
  });
});
