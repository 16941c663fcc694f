// Real triggers `--spec` mode derives from the spec alone: what the spec itself says how to cause.
// Each is planned only when the operation declares a code it can answer with, so a spec that does
// not promise, say, IDEMPOTENCY_CONFLICT is never held to it. The codes are the catalog's generic
// ones (a field's own `x-error-code` first); the requests are the probe's valid one, spoiled once.
import {
  errorCodesOf,
  isObject,
  requiredProperties,
  type SpecModel,
  type SpecOperation,
  schemaParts,
} from '@errata/spec-model';
import { fillPath, type RequestSpec } from '../internal/http.js';
import { violation } from '../internal/triggers/input-fields.js';
import type { ContractConfig } from './config.js';
import { formFieldsOf, formOf } from './sample-body.js';

export interface BuiltinTrigger {
  code: string;
  /** What is wrong with the request, as the report says it. */
  cause: string;
  /** Requests sent first (the first use of an Idempotency-Key). */
  before?: RequestSpec[];
  request: RequestSpec;
}

type Property = Parameters<typeof violation>[0] & {
  properties?: Record<string, unknown>;
  allOf?: unknown[];
  required?: string[];
};

/**
 * Top-level properties of an object schema, through `allOf` (the spec model's readers).
 *
 * @example
 * propertiesOf(model, model.lookup(op.requestBody!.schemaPointer)).required; // ['model', 'input']
 */
export function propertiesOf(
  model: SpecModel,
  node: unknown,
): { properties: Map<string, Property>; required: string[] } {
  const resolve = (n: unknown) => model.resolve(n);
  const properties = new Map<string, Property>();
  for (const part of schemaParts(node, resolve))
    for (const [name, raw] of Object.entries((part as Property).properties ?? {}))
      if (!properties.has(name)) properties.set(name, model.resolve<Property>(raw));
  return { properties, required: [...requiredProperties(node, resolve)] };
}

const NOT_FOUND_FALLBACKS = ['RESOURCE_NOT_FOUND'];

/**
 * The built-in real triggers of one operation, from its valid request (`base`, its JSON `body`).
 *
 * @example
 * builtinTriggers(model, op, base, { model: 'm', input: ['Hi'] }, {}).map((t) => t.code);
 * // ['INVALID_REQUEST', 'MISSING_REQUIRED_FIELD', 'IDEMPOTENCY_CONFLICT', …]
 */
export function builtinTriggers(
  model: SpecModel,
  operation: SpecOperation,
  base: RequestSpec,
  body: unknown,
  config: ContractConfig,
): BuiltinTrigger[] {
  const declared = model.declaredCodes(operation);
  const pick = (...codes: string[]) => codes.find((code) => declared.has(code));
  const out: BuiltinTrigger[] = [];
  const add = (code: string | undefined, cause: string, request: RequestSpec, before?: RequestSpec[]) => {
    if (code) out.push({ code, cause, request, ...(before ? { before } : {}) });
  };
  const withBody = (value: unknown, headers: Record<string, string | undefined> = {}): RequestSpec => ({
    ...base,
    headers: { ...base.headers, ...headers },
    body: typeof value === 'string' ? value : JSON.stringify(value),
  });

  const json = operation.requestBody?.contentType === 'application/json' && body !== undefined;
  if (json) {
    add(pick('INVALID_REQUEST'), 'a JSON body cut off mid-object', withBody('{"errata_contract":'));
    add(
      pick('UNSUPPORTED_MEDIA_TYPE', 'INVALID_REQUEST'),
      'the valid body sent as Content-Type: text/plain',
      withBody(body, { 'Content-Type': 'text/plain' }),
    );
  }
  if (json && isObject(body)) {
    const { properties, required } = propertiesOf(model, model.lookup(operation.requestBody!.schemaPointer));
    const missing = required.find((name) => name in body);
    if (missing) {
      const { [missing]: _, ...rest } = body;
      add(
        pick('MISSING_REQUIRED_FIELD', 'INVALID_REQUEST'),
        `the valid body without its required ${missing}`,
        withBody(rest),
      );
    }
    let generic = false;
    for (const [name, property] of properties) {
      for (const [keyword, code] of errorCodesOf(property)) {
        const value = violation(property, keyword);
        if (value !== undefined && declared.has(code) && !out.some((t) => t.code === code))
          add(
            code,
            `${name} outside its ${keyword === '*' ? 'bounds' : keyword}`,
            withBody({ ...body, [name]: value }),
          );
      }
      const value = violation(property) ?? itemsViolation(property, body[name]);
      if (!generic && value !== undefined && errorCodesOf(property).length === 0) {
        generic = true;
        add(
          pick('INVALID_FIELD_VALUE', 'INVALID_REQUEST'),
          `${name} outside its schema bounds (${JSON.stringify(value).slice(0, 40)})`,
          withBody({ ...body, [name]: value }),
        );
      }
    }
    if (config.requestLimitBytes !== undefined)
      add(
        pick('REQUEST_TOO_LARGE'),
        `a body one byte over requestLimitBytes (${config.requestLimitBytes})`,
        withBody(padTo(body, config.requestLimitBytes + 1)),
      );
    const idempotent = operation.parameters.some(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
    );
    const other = changed(body);
    if (idempotent && other) {
      const key = { 'Idempotency-Key': `errata-contract-${operation.operationId}-reuse` };
      add(
        pick('IDEMPOTENCY_CONFLICT'),
        'an Idempotency-Key reused with another body (two requests)',
        withBody(other, key),
        [withBody(body, key)],
      );
    }
  }
  if (operation.requestBody?.contentType === 'multipart/form-data') {
    const fields = formFieldsOf(model, operation);
    const required = [
      ...requiredProperties(model.lookup(operation.requestBody.schemaPointer), (n) => model.resolve(n)),
    ];
    const missing = required.find((name) => fields.some(([field]) => field === name));
    if (missing)
      add(pick('MISSING_REQUIRED_FIELD', 'INVALID_REQUEST'), `the valid form without its required ${missing}`, {
        ...base,
        body: formOf(fields.filter(([name]) => name !== missing)),
      });
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const notFound = [...declared].filter(([, status]) => status === 404).map(([code]) => code);
    const stem = parameter.name.replace(/_?id$/i, '').toUpperCase();
    const code =
      notFound.find((c) => c.startsWith(`${stem}_`)) ?? NOT_FOUND_FALLBACKS.find((c) => notFound.includes(c));
    const unknown = unknownValue(parameter.schema, config.pathParams?.[parameter.name]);
    const path = fillPath(operation.path, { ...config.pathParams, [parameter.name]: unknown });
    if (code) add(code, `an unknown ${parameter.name} in the path`, { ...base, path });
  }
  return out;
}

/**
 * A value of a path parameter that is well-formed (it matches the schema's `pattern`, so the server
 * must look it up) but names nothing: the known value with its last characters changed.
 */
function unknownValue(schema: Record<string, unknown>, known: string | undefined): string {
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
  const candidates = [
    ...(known
      ? [`${known.slice(0, -4)}zZ9q`, `${known}0`, `${known.slice(0, -1)}${known.endsWith('0') ? '1' : '0'}`]
      : []),
    'errata-contract-no-such-value',
  ];
  return candidates.find((c) => c !== known && (!pattern || pattern.test(c))) ?? candidates.at(-1)!;
}

/** An array one item over `maxItems` (repeating the valid value's first item), or empty under `minItems`. */
function itemsViolation(property: Property, current: unknown): unknown {
  const { maxItems, minItems } = property as { maxItems?: number; minItems?: number };
  if (typeof maxItems === 'number' && Array.isArray(current) && current.length)
    return Array.from({ length: maxItems + 1 }, () => current[0]);
  if (typeof minItems === 'number' && minItems > 0) return [];
  return undefined;
}

/** The body with a string field changed (another request with the same key), if it has one. */
function changed(body: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'string') return { ...body, [name]: `${value} (again)` };
  return { ...body, errata_contract_second: true };
}

/** `body` with a padding field that brings its JSON to at least `bytes` bytes. */
function padTo(body: Record<string, unknown>, bytes: number): Record<string, unknown> {
  const size = Buffer.byteLength(JSON.stringify({ ...body, errata_contract_padding: '' }));
  return { ...body, errata_contract_padding: 'x'.repeat(Math.max(0, bytes - size)) };
}
