/**
 * Request validation driven by the spec: each schema is compiled once (ajv, through the spec
 * model), and ajv's errors become catalog codes by the spec's own rules (Errata's spec/README.md,
 * "Request validation codes"): a property carrying `x-error-code` yields that code (or, when it is
 * a map, the code it names for the failing keyword), a missing required property the
 * missing-field code, any other property violation the invalid-field code, and a body that is not
 * an object of the right shape the invalid-request code. A code the operation does not declare
 * falls back on the invalid-request code, so an answer is always one the operation declares.
 */
import {
  compileSpecSchema,
  type ErrorObject,
  errorCodeFor,
  type SpecAjv,
  type SpecModel,
  type SpecOperation,
  templateParams,
} from '@errata/spec-model';
import { CatalogError } from './catalog-error.js';

/** The generic codes request checks fall back on. Errata's spec names these; another spec may rename them. */
export interface ValidationCodes {
  invalidRequest: string;
  missingField: string;
  invalidField: string;
  /** A body over the size limit. */
  tooLarge: string;
}

export const ERRATA_VALIDATION_CODES: ValidationCodes = {
  invalidRequest: 'INVALID_REQUEST',
  missingField: 'MISSING_REQUIRED_FIELD',
  invalidField: 'INVALID_FIELD_VALUE',
  tooLarge: 'REQUEST_TOO_LARGE',
};

/** Throws the CatalogError the first violation maps to, with every violation in `details.issues`. */
export type RequestValidator = (value: unknown) => void;

type VerboseError = ErrorObject & { parentSchema?: Record<string, unknown>; data?: unknown };

const toField = (pointer: string) => {
  const parts = pointer.split('/').slice(1);
  return (pointer.includes('~') ? parts.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : parts).join('.');
};
const snakeToCamel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function issueText(error: VerboseError): string {
  if (error.keyword === 'additionalProperties') return 'is not a field of this input';
  return error.message ?? error.keyword;
}

export interface ValidatorContext {
  model: SpecModel;
  ajv: SpecAjv;
  codes: ValidationCodes;
}

/**
 * A validator for the schema at `pointer`, answering with the codes `operation` declares.
 *
 * @example
 * const validate = createRequestValidator(
 *   ctx,
 *   '#/components/schemas/FinetuneCreate',
 *   model.operation('createFinetune')!,
 * );
 * validate({ name: '' }); // throws CatalogError MISSING_REQUIRED_FIELD (details.field 'model')
 */
export function createRequestValidator(
  { model, ajv, codes }: ValidatorContext,
  pointer: string,
  operation: SpecOperation,
): RequestValidator {
  const validate = compileSpecSchema(ajv, pointer);
  const declared = model.declaredCodes(operation);
  const classify = (error: VerboseError): { code: string; path: string } => {
    if (error.keyword === 'required')
      return { code: codes.missingField, path: `${error.instancePath}/${String(error.params.missingProperty)}` };
    if (error.keyword === 'additionalProperties')
      return { code: codes.invalidField, path: `${error.instancePath}/${String(error.params.additionalProperty)}` };
    return { code: errorCodeFor(error.parentSchema, error.keyword) ?? codes.invalidField, path: error.instancePath };
  };
  const check: RequestCheck = (value) => {
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? []) as VerboseError[];
    const first = errors[0]!;
    if (first.instancePath === '' && first.keyword !== 'required' && first.keyword !== 'additionalProperties') {
      return new CatalogError(codes.invalidRequest, {
        params: { reason: `the body ${first.message ?? 'is invalid'}` },
      });
    }
    const classified = classify(first);
    const code = declared.has(classified.code) ? classified.code : codes.invalidRequest;
    const field = toField(classified.path);
    const issue = issueText(first);
    const template = model.errors.get(code)?.meta.message ?? '';
    const schema = first.parentSchema ?? {};
    // Each template parameter is the field, the issue, a reason, a limit the schema states
    // (`{max_length}` is `maxLength`) or else the offending value.
    const params: Record<string, string | number> = {};
    for (const name of templateParams(template)) {
      if (name === 'field') params.field = field;
      else if (name === 'issue') params.issue = template.includes('{field}') ? issue : `${field} ${issue}`;
      else if (name === 'reason') params.reason = `${field} ${issue}`;
      // `{type}` names the offending value's JSON type (Workers AI's 5004 "Invalid data type for
      // base64 input: ${type}").
      else if (name === 'type')
        params.type = first.data === null ? 'null' : Array.isArray(first.data) ? 'array' : typeof first.data;
      else if (typeof schema[snakeToCamel(name)] === 'number') params[name] = schema[snakeToCamel(name)] as number;
      else params[name] = String(first.data);
    }
    const issues = errors.map((e) => ({ path: classify(e).path, message: issueText(e), code: e.keyword }));
    return new CatalogError(code, { params, details: { field, issue, issues } });
  };
  const validator: RequestValidator = (value) => {
    const error = check(value);
    if (error) throw error;
  };
  checks.set(validator, check);
  return validator;
}

/** The violation `value` has, as the error a validator throws; undefined when it is valid. */
type RequestCheck = (value: unknown) => CatalogError | undefined;

const checks = new WeakMap<RequestValidator, RequestCheck>();

/**
 * The check behind a validator this module built, which returns its error rather than throwing it,
 * so that a stage throws it from a small frame of its own: thrown from inside the check, the throw
 * cost about twice the check itself (measured on Node 20), on an API's commonest refusal (a 400).
 */
export function requestCheckOf(validator: RequestValidator): RequestCheck | undefined {
  return checks.get(validator);
}
