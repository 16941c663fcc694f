/**
 * @errata/types — TypeScript types and the runtime error catalog generated from the Errata OpenAPI contract.
 *
 * @example
 * import type { OperationError } from '@errata/types';
 * import { catalog } from '@errata/types';
 * function retryable(error: OperationError<'runModel'>) {
 *   return catalog[error.code].retry !== 'never';
 * }
 */

export type { CatalogEntry, ErrorCategory, ErrorCode, ProviderId, RetryPolicy } from './catalog.js';

// The runtime catalog.
export { catalog, docsUrl, errorCodes, isErrorCode, providers } from './catalog.js';
export type { CrosswalkEntry, CrosswalkMatch, ProviderErrorKey } from './crosswalk.js';
// Mapping other providers' errors to canonical codes.
export { findCanonicalCode, findCommonMatch, findCrosswalkMatch, matchCrosswalk } from './crosswalk.js';
// Generated from the spec by openapi-typescript.
export type { components, operations, paths, webhooks } from './generated/openapi.js';
// Which input schema a model of each task is validated against (JSON Pointers into the bundled spec).
export { taskInputSchemas } from './generated/tasks.js';

// Which errors each operation returns.
export type {
  AnyErrorBody,
  ErrorBody,
  OperationError,
  OperationErrorCode,
  OperationErrorStatus,
  OperationId,
  OperationProblemDetails,
  ProblemDetails,
} from './operation-errors.js';
export type { CodeFacts } from './policy.js';
// The policy: what a client acts on per code, without the catalog (also `@errata/types/policy`).
export { codeFacts, defaultCodeByStatus, defaultCodeFor } from './policy.js';
