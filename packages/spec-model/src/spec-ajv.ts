/**
 * One ajv (JSON Schema 2020-12) instance holding the whole document, so any schema in it can be
 * compiled by JSON Pointer with its `$ref`s resolved. `x-error`, `x-error-code` and
 * `discriminator` are annotations here (the `oneOf` members pin `code` with `const`, which is
 * enough to validate), and `contentEncoding: base64` is enforced rather than ignored.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from './document.js';

// ajv and ajv-formats are CommonJS; createRequire sidesteps their default-export interop.
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };
const addFormats = require('ajv-formats') as (ajv: Ajv2020Type) => Ajv2020Type;

export type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
export type SpecAjv = Ajv2020Type;

/** The `$id` under which the document is registered; every pointer is compiled relative to it. */
export const SPEC_ID = 'errata:openapi';

// Canonical base64 (RFC 4648 §4): whole quanta, padding only at the end.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * An ajv instance with the document registered under {@link SPEC_ID}. `verbose` keeps each
 * error's schema and data, which a server needs to map a failing keyword to its `x-error-code`.
 *
 * @example
 * const ajv = createSpecAjv(model.document, { verbose: true });
 * compileSpecSchema(ajv, '#/components/schemas/TextGenerationInput')({ prompt: 'hi' }); // true
 */
export function createSpecAjv(document: OpenApiDocument, options: { verbose?: boolean } = {}): SpecAjv {
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
        {
          keyword: 'contentEncoding',
          message: 'must be valid base64',
          params: { contentEncoding: encoding },
          parentSchema,
          data,
        },
      ];
      return false;
    },
  });
  ajv.addSchema(document as object, SPEC_ID);
  return ajv;
}

/**
 * Compiles the schema at a JSON Pointer of the document (`#/components/schemas/Model`).
 *
 * @example
 * compileSpecSchema(ajv, '#/components/schemas/RequestId')('req_0123456789abcdef'); // true
 */
export function compileSpecSchema(ajv: SpecAjv, pointer: string): ValidateFunction {
  return ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
}
