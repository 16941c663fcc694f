/**
 * The error envelope and its headers, built from the catalog (`x-error`) of the spec: status,
 * message template, retry policy and category come from the code's definition, never from a
 * table here. Adding an envelope field is this one file.
 */
import { type ErrorDefinition, fillTemplate, type SpecOperation, templateParams } from '@errata/spec-model';
import type { ErrorInit } from './catalog-error.js';
import { type RateLimitState, rateLimitFields } from './rate-limit-fields.js';

export type { RateLimitState } from './rate-limit-fields.js';

/** The body of every error response, and the `data` of a stream's `error` event. */
export interface ErrorEnvelope {
  code: string;
  message: string;
  status: number;
  category: string;
  retry: string;
  request_id: string;
  doc_url: string;
  retry_after?: number;
  details?: Record<string, unknown>;
  /** The legacy nested error object, while clients migrate (`legacyError`). */
  error?: Record<string, unknown>;
}

/** Everything about the request the response depends on. */
export interface ResponseContext {
  requestId: string;
  /** The operation answered, so headers its response requires (`Retry-After`) are sent. */
  operation?: SpecOperation | undefined;
  /** Sent as `RateLimit`, `RateLimit-Policy` and the legacy `RateLimit-Limit`, `-Remaining`, `-Reset`. */
  rateLimit?: RateLimitState | undefined;
  /** The request's `Accept`, for a server that negotiates problem details. */
  accept?: string | undefined;
}

/** A response as plain data, for any framework. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: ErrorEnvelope;
}

export interface EnvelopeOptions {
  docUrl: (code: string) => string;
  retryAfter: (code: string) => number;
  /** The request-id header's name (default `X-Request-Id`). */
  requestIdHeader: string;
}

/** A day: the longest wait a server states. A client holding a timer longer than that is a bug, not a policy. */
export const MAX_RETRY_AFTER = 86_400;

/**
 * Seconds to wait as a whole number in [0, a day]: a huge or broken value (`Infinity`, `NaN`, a
 * fraction) never reaches `Retry-After` or `retry_after`.
 *
 * @example
 * waitSeconds(1e400); // 86400
 */
export function waitSeconds(seconds: number): number {
  if (Number.isNaN(seconds)) return 0;
  return Math.min(MAX_RETRY_AFTER, Math.max(0, Math.ceil(seconds)));
}

/**
 * The envelope of a catalog code. Every template parameter given is also a field of `details`
 * (`details = { ...params, ...details }`), so a client can read it without parsing the message.
 */
export function buildEnvelope(
  definition: ErrorDefinition,
  init: ErrorInit,
  requestId: string,
  options: EnvelopeOptions,
): ErrorEnvelope {
  const { code, meta } = definition;
  const body: ErrorEnvelope = {
    code,
    message: init.message ?? fillTemplate(meta.message, init.params),
    status: meta.status,
    category: meta.category,
    retry: meta.retry,
    request_id: requestId,
    doc_url: options.docUrl(code),
  };
  if (meta.retry === 'after_retry_after') body.retry_after = waitSeconds(init.retryAfter ?? options.retryAfter(code));
  const named: Record<string, unknown> = {};
  let any = init.details !== undefined;
  if (init.params) {
    for (const name of templateParams(meta.message)) {
      if (name in init.params) {
        named[name] = init.params[name];
        any = true;
      }
    }
  }
  if (any) body.details = { ...named, ...init.details };
  return body;
}

/**
 * The headers of an error response: the request id, `Retry-After` where the policy says wait or the
 * operation requires it, the rate window's fields when given.
 */
export function buildHeaders(
  body: ErrorEnvelope,
  init: ErrorInit,
  context: ResponseContext,
  options: EnvelopeOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [options.requestIdHeader]: context.requestId,
  };
  if (body.retry_after !== undefined || requiresRetryAfter(context.operation, body.status))
    headers['Retry-After'] = String(body.retry_after ?? waitSeconds(init.retryAfter ?? options.retryAfter(body.code)));
  // One object written in place: the error path is a refusing server's hottest.
  if (context.rateLimit) Object.assign(headers, rateLimitFields(context.rateLimit));
  if (init.headers) Object.assign(headers, init.headers);
  return headers;
}

/** Whether the operation's response for `status` requires `Retry-After`, read once per pair. */
const retryAfterRequired = new WeakMap<SpecOperation, Map<number, boolean>>();
function requiresRetryAfter(operation: SpecOperation | undefined, status: number): boolean {
  if (!operation) return false;
  let byStatus = retryAfterRequired.get(operation);
  if (!byStatus) {
    byStatus = new Map();
    retryAfterRequired.set(operation, byStatus);
  }
  let required = byStatus.get(status);
  if (required === undefined) {
    const declared = operation.responses.find((r) => r.status === status);
    required = declared?.headers.some((h) => h.required && h.name.toLowerCase() === 'retry-after') ?? false;
    byStatus.set(status, required);
  }
  return required;
}
