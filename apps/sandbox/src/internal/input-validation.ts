// Request validation driven by the spec: each input schema is compiled once, and ajv's errors
// become catalog codes by the spec's own rules (spec/README.md, "Request validation codes"): a
// property carrying `x-error-code` yields that code (or, when it is a map, the code it names for
// the failing keyword: an empty prompt is not PROMPT_TOO_LONG), a missing required property
// MISSING_REQUIRED_FIELD, any other property violation INVALID_FIELD_VALUE, and a body that is not
// a JSON object INVALID_REQUEST. A code the operation does not declare falls back on INVALID_REQUEST.
import { compileSpecSchema, declaredCodes, errorCodeFor, type SpecAjv, type SpecOperation } from '@errata/contract';
import type { ErrorCode } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { ApiError } from './api-error.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

export type InputValidator = (operation: SpecOperation, value: unknown) => void;

const toField = (pointer: string) => pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');

function classify(error: AjvError): { code: ErrorCode; path: string; field: string } {
  if (error.keyword === 'required') {
    const path = `${error.instancePath}/${String(error.params.missingProperty)}`;
    return { code: 'MISSING_REQUIRED_FIELD', path, field: toField(path) };
  }
  if (error.keyword === 'additionalProperties') {
    const path = `${error.instancePath}/${String(error.params.additionalProperty)}`;
    return { code: 'INVALID_FIELD_VALUE', path, field: toField(path) };
  }
  return { code: errorCodeFor(error.parentSchema, error.keyword) ?? 'INVALID_FIELD_VALUE', path: error.instancePath, field: toField(error.instancePath) };
}

function issueText(error: AjvError): string {
  if (error.keyword === 'additionalProperties') return 'is not a field of this input';
  return error.message ?? error.keyword;
}

/**
 * A validator for the schema at `pointer`: throws the ApiError the first violation maps to, with
 * every violation listed in `details.issues`.
 *
 * @example
 * const validate = createInputValidator(ajv, '#/components/schemas/FinetuneCreate');
 * validate(createFinetune, { name: '' }); // throws MISSING_REQUIRED_FIELD (model)
 */
export function createInputValidator(ajv: SpecAjv, pointer: string): InputValidator {
  // verbose: errors carry their schema, where `x-error-code` and the limits are.
  const validate = compileSpecSchema(ajv, pointer);
  return (operation, value) => {
    if (validate(value)) return;
    const errors = (validate.errors ?? []) as AjvError[];
    const first = errors[0]!;
    if (first.instancePath === '' && first.keyword !== 'required' && first.keyword !== 'additionalProperties') {
      throw new ApiError('INVALID_REQUEST', { params: { reason: `the body ${first.message ?? 'is invalid'}` } });
    }
    const { code: mapped, field } = classify(first);
    const code = declaredCodes(operation).has(mapped) ? mapped : 'INVALID_REQUEST';
    const issue = issueText(first);
    const issues = errors.map((e) => ({ path: classify(e).path, message: issueText(e), code: e.keyword }));
    const schema = first.parentSchema ?? {};
    throw new ApiError(code, {
      params: {
        field,
        // A template that names the field already gets the bare issue; others get it with the field.
        issue: errorTexts[code].message.includes('{field}') ? issue : `${field} ${issue}`,
        reason: `${field} ${issue}`,
        max_length: Number(schema.maxLength ?? 0),
        quality: String(first.data),
        url: String(first.data),
        // The JSON type of the offending value (INVALID_BASE64_INPUT's {type}, as Workers AI's 5004 names it).
        type: first.data === null ? 'null' : Array.isArray(first.data) ? 'array' : typeof first.data,
      },
      details: { field, issue, issues },
    });
  };
}
