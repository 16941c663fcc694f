/**
 * One ajv (JSON Schema 2020-12) instance holding the whole bundled spec, so any schema in it can
 * be compiled by JSON Pointer with its `$ref`s resolved. `x-error`, `x-error-code` and
 * `discriminator` are annotations here (the `oneOf` members pin `code` with `const`, which is
 * enough to validate), and `contentEncoding: base64` is enforced rather than ignored.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from 'ajv/dist/2020.js';
import { isErrorCode, type ErrorCode } from '@errata/types';
import { SPEC_ID, type OpenApiDocument } from './spec.js';

// ajv and ajv-formats are CommonJS; createRequire sidesteps their default-export interop.
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };
const addFormats = require('ajv-formats') as (ajv: Ajv2020Type) => Ajv2020Type;

export type { ValidateFunction } from 'ajv/dist/2020.js';
export type SpecAjv = Ajv2020Type;

// Canonical base64 (RFC 4648 §4): whole quanta, padding only at the end.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * An ajv instance with the spec registered under {@link SPEC_ID}.
 *
 * @example
 * const ajv = createSpecAjv(loadSpec());
 * const validate = compileSpecSchema(ajv, '#/components/schemas/TextGenerationInput');
 * validate({ prompt: 'hi' }); // true
 */
export function createSpecAjv(spec: OpenApiDocument, options: { verbose?: boolean } = {}): SpecAjv {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: options.verbose ?? false, validateFormats: true });
  addFormats(ajv);
  ajv.removeKeyword('contentEncoding');
  ajv.addKeyword({
    keyword: 'contentEncoding',
    schemaType: 'string',
    errors: true,
    validate: function base64(encoding: string, data: unknown, parentSchema?: object) {
      if (encoding !== 'base64' || typeof data !== 'string' || BASE64.test(data)) return true;
      // Custom keywords do not get verbose fields from ajv: add the schema so callers can read it.
      (base64 as unknown as { errors: unknown[] }).errors = [
        { keyword: 'contentEncoding', message: 'must be valid base64', params: { contentEncoding: encoding }, parentSchema, data },
      ];
      return false;
    },
  });
  ajv.addSchema(spec as object, SPEC_ID);
  return ajv;
}

/**
 * Compiles the schema at a JSON Pointer of the spec (`#/components/schemas/Model`).
 *
 * @example
 * compileSpecSchema(ajv, '#/components/schemas/RequestId')('req_0123456789abcdef'); // true
 */
export function compileSpecSchema(ajv: SpecAjv, pointer: string): ValidateFunction {
  return ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
}

/**
 * The code a property's `x-error-code` names for a violation of `keyword`: the code itself when
 * it is one string (any violation), the keyword's entry when it is a map (`{ maxLength:
 * PROMPT_TOO_LONG }`), else undefined — the caller falls back on INVALID_FIELD_VALUE.
 *
 * @example
 * errorCodeFor({ maxLength: 10, 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } }, 'minLength'); // undefined
 * errorCodeFor({ maximum: 2, 'x-error-code': 'INVALID_TEMPERATURE' }, 'maximum'); // 'INVALID_TEMPERATURE'
 */
export function errorCodeFor(schema: Record<string, unknown> | undefined, keyword: string): ErrorCode | undefined {
  const named = schema?.['x-error-code'];
  const code = typeof named === 'string' ? named : named && typeof named === 'object' ? (named as Record<string, unknown>)[keyword] : undefined;
  return isErrorCode(code) ? code : undefined;
}

/**
 * Every (keyword, code) pair a property's `x-error-code` names; `'*'` stands for any keyword.
 *
 * @example
 * errorCodesOf({ 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } }); // [['maxLength', 'PROMPT_TOO_LONG']]
 */
export function errorCodesOf(schema: Record<string, unknown> | undefined): [keyword: string, code: ErrorCode][] {
  const named = schema?.['x-error-code'];
  if (isErrorCode(named)) return [['*', named]];
  if (!named || typeof named !== 'object') return [];
  return Object.entries(named as Record<string, unknown>).filter((entry): entry is [string, ErrorCode] => isErrorCode(entry[1]));
}
