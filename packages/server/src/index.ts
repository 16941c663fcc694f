/**
 * @errata/server — the Errata error contract on the server side, for any framework.
 *
 * @example
 * import { createErrataServer, CatalogError } from '@errata/server';
 * const server = createErrataServer({ spec: document });
 * const { status, headers, body } = server.error('MODEL_NOT_FOUND', { params: { model: 'x' } });
 */

// The template readers are @errata/spec-model's, re-exported for the kit's users.
export { fillTemplate, templateParams } from '@errata/spec-model';
// The kit.
export { BoundedMap } from './bounded-map.js';
export type { ErrorInit } from './catalog-error.js';
// Errors and their responses.
export { CatalogError, isCatalogError } from './catalog-error.js';
// Node's HTTP parser.
export { onClientError } from './client-error.js';
export type { ErrorEnvelope, ErrorResponse, RateLimitState, ResponseContext } from './envelope.js';
export { MAX_RETRY_AFTER, waitSeconds } from './envelope.js';
export type { ErrataServer, ErrataServerOptions } from './errata-server.js';
export { createErrataServer } from './errata-server.js';
export { errataServer, errataSpec } from './errata-spec.js';
export type { KitFinding } from './kit-check.js';
export type { KitCodes } from './kit-codes.js';
export { ERRATA_KIT_CODES } from './kit-codes.js';
// Logs.
export { escapeLogText } from './log-text.js';
export type { ProblemDetails, ProblemDetailsMode } from './problem-details.js';
export { PROBLEM_JSON, toProblemDetails } from './problem-details.js';
export { rateLimitFields } from './rate-limit-fields.js';
export type { RequestIdOptions } from './request-id.js';
// Requests.
export { createRequestIds, INCOMING_REQUEST_ID } from './request-id.js';
export type { RequestValidator, ValidationCodes } from './request-validator.js';
export { ERRATA_VALIDATION_CODES } from './request-validator.js';
export type { SseEvent } from './sse.js';
// Streams.
export { SSE_HEADERS, sseFrame } from './sse.js';
export type { Timers } from './timers.js';
