// The JSON Schemas of `x-error` and of providers.yaml, shipped by @errata/spec (spec/meta/) and
// compiled once with ajv: the one description of those shapes. Lint validates with them instead
// of checking fields by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

// ajv and ajv-formats are CommonJS; createRequire sidesteps their default-export interop.
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };
const addFormats = require('ajv-formats') as (ajv: Ajv2020Type) => Ajv2020Type;

const load = (name: string): object =>
  parse(readFileSync(require.resolve(`@errata/spec/meta/${name}`), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);

/** Validates one `x-error` object. */
export const validateXError: ValidateFunction = ajv.compile(load('x-error.schema.yaml'));
/** Validates the whole providers map (`x-errata.providers`). */
export const validateProviders: ValidateFunction = ajv.compile(load('providers.schema.yaml'));

/**
 * ajv's errors as lint messages: where (a JSON Pointer below the validated object) and what.
 *
 * @example
 * problemsOf(validateXError);
 * // ['/retry must be equal to one of the allowed values (never, backoff, after_retry_after)']
 */
export function problemsOf(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => {
    const { allowedValues, additionalProperty } = e.params as {
      allowedValues?: unknown[];
      additionalProperty?: string;
    };
    const allowed = allowedValues ? ` (${allowedValues.join(', ')})` : '';
    const extra = additionalProperty ? ` (${additionalProperty})` : '';
    return `${e.instancePath || '/'} ${e.message}${allowed}${extra}`;
  });
}
