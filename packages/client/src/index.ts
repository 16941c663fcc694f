/**
 * @errata/client — a fetch client for the Errata API whose errors never surprise: every HTTP error
 * is the canonical envelope, typed per operation; every transport failure is an `ErrataError`;
 * every failure mid-stream is an `ErrataStreamError` with the output received so far.
 *
 * Streaming lives in `@errata/client/stream`, provider normalization in `@errata/client/normalize`,
 * the queue helpers in `@errata/client/queue`: clients that need none of them do not ship them.
 *
 * @example
 * import { createClient } from '@errata/client';
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * const { data, error } = await client.GET('/v1/models');
 */

export type { CallOptions, ErrataClient, ErrataClientOptions } from './create-client.js';
// The client.
export { createClient } from './create-client.js';
export type { ClientErrorCode, ErrorEnvelope } from './errors.js';
// Errors: the classes, the client-side codes, the helpers that throw.
export { ErrataError, toErrataError, unwrap } from './errors.js';
export type { AttemptEvent, ClientEvent, DoneEvent, OnEvent, RetryEvent } from './events.js';
// Observability: what the onEvent hook sees, and a logger for it.
export { debugLogger } from './events.js';
export type { ErrorResponseLike, Normalizer } from './internal/envelope.js';
export type { RawError } from './internal/raw-error.js';
export { getRawError } from './raw.js';
export type { FailureKind, RetryPlan, RetryReason, RetrySettings } from './retry-policy.js';
// Retries: the pure policy functions and their defaults.
export { backoff, retryDefaults, retryDelay, retryPlan, serverWait } from './retry-policy.js';
