// The JSON Schemas of `x-error` and of providers.yaml, shipped by @errata/spec (spec/meta/) and
// compiled once with ajv: the one description of those shapes. Lint validates with them instead
// of checking fields by hand.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const load = (name) => parse(readFileSync(require.resolve(`@errata/spec/meta/${name}`), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);

/** Validates one `x-error` object. */
export const validateXError = ajv.compile(load('x-error.schema.yaml'));
/** Validates the whole providers map (`x-errata.providers`). */
export const validateProviders = ajv.compile(load('providers.schema.yaml'));

/**
 * ajv's errors as lint messages: where (a JSON Pointer below the validated object) and what.
 *
 * @example
 * problemsOf(validateXError) // ['/retry must be equal to one of the allowed values (never, backoff, after_retry_after)']
 */
export function problemsOf(validate) {
  return (validate.errors ?? []).map((e) => {
    const allowed = e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
    const extra = e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : '';
    return `${e.instancePath || '/'} ${e.message}${allowed}${extra}`;
  });
}
