/**
 * @errata/client — a fetch client for the Errata API whose errors never surprise: every HTTP error
 * is the canonical envelope, typed per operation; every transport failure is an `ErrataError`.
 *
 * @example
 * import { createClient } from '@errata/client';
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * const { data, error } = await client.GET('/v1/models');
 */

// The client.
export { createClient } from './create-client.js';
export type { ErrataClient, ErrataClientOptions } from './create-client.js';

// Errors: the class, the client-side codes, the helpers that throw.
export { ErrataError, toErrataError, unwrap } from './errors.js';
export type { ClientErrorCode, ErrorEnvelope } from './errors.js';
export { getRawError } from './raw.js';
export type { RawError } from './internal/raw-error.js';

// Normalization of any error response (Errata's or a seed provider's) to the envelope.
export { normalizeError } from './normalize-error.js';
export type { ErrorResponseLike, NormalizeOptions, Provider } from './normalize-error.js';

// Retries: the pure policy functions and their defaults.
export { backoff, retryDefaults, retryDelay, serverWait } from './retry-policy.js';
export type { FailureKind, RetrySettings } from './retry-policy.js';

// Queue helpers.
export { cancel, nextPollDelay, subscribe } from './queue.js';
export type { RequestResult, RequestStatus, SubscribeOptions } from './queue.js';
