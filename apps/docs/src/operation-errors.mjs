/**
 * Which codes each operation can return, as the spec model reads them: every 4xx/5xx response of
 * an operation, with the codes its schema's `oneOf` members pin. The docs only shape the view.
 */
import { createSpecModel } from '@errata/spec-model';

/**
 * The error responses of an operation as status → codes rows, in status order.
 *
 * @param {readonly import('@errata/spec-model').SpecResponse[]} responses
 * @returns {import('./model.js').StatusCodes[]}
 */
function errorRows(responses) {
  return responses
    .filter((response) => response.status >= 400)
    .map((response) => ({
      status: response.status,
      codes: /** @type {import('@errata/types').ErrorCode[]} */ (response.codes),
    }));
}

/**
 * Every operation of the spec with the errors it declares, in the spec's path order.
 *
 * @example
 * operationErrors(spec).find((op) => op.operationId === 'getModel')?.errors[0];
 * // { status: 401, codes: ['MISSING_API_KEY', 'INVALID_API_KEY', …] }
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @returns {import('./model.js').OperationErrors[]}
 */
export function operationErrors(spec) {
  return createSpecModel(spec).operations.map((operation) => ({
    ...operation,
    summary: operation.summary ?? '',
    errors: errorRows(operation.responses),
  }));
}

/**
 * The codes answered for paths that match no operation, from `x-errata.unrouted_response`.
 *
 * @example
 * unroutedCodes(spec); // ['ENDPOINT_NOT_FOUND']
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @returns {import('@errata/types').ErrorCode[]}
 */
export function unroutedCodes(spec) {
  return /** @type {import('@errata/types').ErrorCode[]} */ (createSpecModel(spec).unroutedResponse?.codes ?? []);
}
