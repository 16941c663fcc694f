/**
 * Which codes each operation can return, as the spec model reads them: every 4xx/5xx response of
 * an operation, with the codes its schema's `oneOf` members pin. The docs only shape the view.
 */
import { createSpecModel, type OpenApiDocument, type SpecOperation, type SpecResponse } from '@errata/spec-model';

/**
 * One error status of an operation and the codes it can carry: the spec's codes, which are the
 * catalog's for the bundled spec (any document can be read).
 */
export interface StatusCodes {
  status: number;
  codes: string[];
}

/** An operation as the spec model reads it, with every error it declares, in status order. */
export interface OperationErrors extends SpecOperation {
  summary: string;
  errors: StatusCodes[];
}

/**
 * The error responses of an operation as status → codes rows, in status order.
 */
function errorRows(responses: readonly SpecResponse[]): StatusCodes[] {
  return responses
    .filter((response) => response.status >= 400)
    .map((response) => ({
      status: response.status,
      codes: response.codes,
    }));
}

/**
 * Every operation of the spec with the errors it declares, in the spec's path order.
 *
 * @example
 * operationErrors(spec).find((op) => op.operationId === 'getModel')?.errors[0];
 * // { status: 401, codes: ['MISSING_API_KEY', 'INVALID_API_KEY', …] }
 */
export function operationErrors(spec: OpenApiDocument): OperationErrors[] {
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
 */
export function unroutedCodes(spec: OpenApiDocument): string[] {
  return createSpecModel(spec).unroutedResponse?.codes ?? [];
}
