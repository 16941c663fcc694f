/**
 * Which codes each operation can return, read from the bundled spec: every 4xx/5xx response of an
 * operation is a `oneOf` of the error schemas it can carry, and each schema pins `code` to a const.
 */
import { deref } from './spec-refs.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The error codes one response can carry, in the order the spec lists them.
 *
 * @example
 * responseCodes(spec, { $ref: '#/components/responses/ModelNotFound' }); // ['MODEL_NOT_FOUND']
 * @param {import('./model.js').OpenApiDocument} spec
 * @param {unknown} response a response object or a reference to one
 * @returns {import('@errata/types').ErrorCode[]}
 */
export function responseCodes(spec, response) {
  const schema = deref(spec, deref(spec, response)?.content?.['application/json']?.schema);
  if (!schema) return [];
  const variants = Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
  /** @type {import('@errata/types').ErrorCode[]} */
  const codes = [];
  for (const variant of variants) {
    const code = codeOf(spec, variant);
    if (code) codes.push(code);
  }
  return codes;
}

/**
 * The `code` const an error schema pins, looking through `allOf`.
 *
 * @example
 * codeOf(spec, { $ref: '#/components/schemas/OVERLOADED' }); // 'OVERLOADED'
 * @param {import('./model.js').OpenApiDocument} spec
 * @param {unknown} schemaOrRef
 * @returns {import('@errata/types').ErrorCode | undefined}
 */
export function codeOf(spec, schemaOrRef) {
  const schema = deref(spec, schemaOrRef);
  const direct = schema?.properties?.code?.const;
  if (typeof direct === 'string') return /** @type {import('@errata/types').ErrorCode} */ (direct);
  for (const part of schema?.allOf ?? []) {
    const code = codeOf(spec, part);
    if (code) return code;
  }
  return undefined;
}

/**
 * Every error status a map of responses declares, with its codes, in status order.
 *
 * @param {import('./model.js').OpenApiDocument} spec
 * @param {Record<string, unknown>} responses
 * @returns {import('./model.js').StatusCodes[]}
 */
export function errorStatuses(spec, responses) {
  return Object.entries(responses)
    .filter(([status]) => /^[45]\d\d$/.test(status))
    .map(([status, response]) => ({ status: Number(status), codes: responseCodes(spec, response) }))
    .sort((a, b) => a.status - b.status);
}

/**
 * Every operation of the spec with the errors it declares, in the spec's path order.
 *
 * @example
 * operationErrors(spec).find((op) => op.operationId === 'getModel')?.errors[0];
 * // { status: 401, codes: ['MISSING_API_KEY', 'INVALID_API_KEY', …] }
 * @param {import('./model.js').OpenApiDocument} spec
 * @returns {import('./model.js').OperationErrors[]}
 */
export function operationErrors(spec) {
  /** @type {import('./model.js').OperationErrors[]} */
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const pathItem = deref(spec, item);
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      operations.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        errors: errorStatuses(spec, operation.responses ?? {}),
      });
    }
  }
  return operations;
}

/**
 * The codes answered for paths that match no operation, from `x-errata.unrouted_response`.
 *
 * @example
 * unroutedCodes(spec); // ['ENDPOINT_NOT_FOUND']
 * @param {import('./model.js').OpenApiDocument} spec
 * @returns {import('@errata/types').ErrorCode[]}
 */
export function unroutedCodes(spec) {
  const response = spec['x-errata']?.unrouted_response;
  return response ? responseCodes(spec, response) : [];
}
