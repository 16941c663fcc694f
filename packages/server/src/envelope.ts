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

/** `retry_after` of the envelope: a whole number of seconds when the code's policy is to wait. */
function retryAfterOf(definition: ErrorDefinition, init: ErrorInit, options: EnvelopeOptions): number | undefined {
  return definition.meta.retry === 'after_retry_after'
    ? waitSeconds(init.retryAfter ?? options.retryAfter(definition.code))
    : undefined;
}

/** `details`: every template parameter given, then `init.details`; undefined when there is neither. */
function detailsOf(template: string, init: ErrorInit): Record<string, unknown> | undefined {
  // A refusal without parameters or details (no key, an unknown route) allocates nothing here.
  if (init.params === undefined && init.details === undefined) return undefined;
  const named: Record<string, unknown> = {};
  let any = init.details !== undefined;
  if (init.params) {
    for (const name of templateParams(template)) {
      if (name in init.params) {
        named[name] = init.params[name];
        any = true;
      }
    }
  }
  return any ? { ...named, ...init.details } : undefined;
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
  const retryAfter = retryAfterOf(definition, init, options);
  if (retryAfter !== undefined) body.retry_after = retryAfter;
  const details = detailsOf(meta.message, init);
  if (details) body.details = details;
  return body;
}

/**
 * A code's envelope with its constant members serialised once: the text of an error response is
 * then the request id and what the request adds, joined to these (`envelopeText`).
 */
export interface PreparedEnvelope {
  definition: ErrorDefinition;
  /** `{"code":…,"message":` */
  head: string;
  /** The unfilled template as JSON, for a message nothing fills. */
  message: string;
  /** `,"status":…,"category":…,"retry":…,"request_id":` */
  middle: string;
  /** `,"doc_url":…` */
  tail: string;
  /** The text before the request id of an envelope nothing fills: `head`, `message` and `middle` joined. */
  before: string;
  /** And after it: `tail`, closed. */
  after: string;
}

/**
 * Serialises a code's constant members, once per code.
 *
 * @example
 * const prepared = prepareEnvelope(model.errors.get('MISSING_API_KEY')!, options);
 */
export function prepareEnvelope(definition: ErrorDefinition, options: EnvelopeOptions): PreparedEnvelope {
  const { code, meta } = definition;
  const json = JSON.stringify;
  const status = `,"status":${json(meta.status)}`;
  const policy = `,"category":${json(meta.category)},"retry":${json(meta.retry)}`;
  const head = `{"code":${json(code)},"message":`;
  const message = json(meta.message);
  const middle = `${status}${policy},"request_id":`;
  const tail = `,"doc_url":${json(options.docUrl(code))}`;
  return { definition, head, message, middle, tail, before: `${head}${message}${middle}`, after: `${tail}}` };
}

/** Whether `init` fills nothing of the envelope: no message, parameters or details. */
function bare(init: ErrorInit): boolean {
  return (
    (init.message === undefined || init.message === null) && init.params === undefined && init.details === undefined
  );
}

/**
 * The text of `buildEnvelope(...)` as `JSON.stringify` writes it — the same members in the same
 * order — without building the object, and its `retry_after` (for the headers).
 */
export function envelopeText(
  prepared: PreparedEnvelope,
  init: ErrorInit,
  requestId: string,
  options: EnvelopeOptions,
): { text: string; retryAfter: number | undefined } {
  const { definition } = prepared;
  // A refusal that carries nothing (no key, a key nobody issued) and whose policy states no wait: the
  // text around the request id is the same every time, joined once.
  if (bare(init) && definition.meta.retry !== 'after_retry_after')
    return { text: `${prepared.before}${JSON.stringify(requestId)}${prepared.after}`, retryAfter: undefined };
  const template = definition.meta.message;
  const message =
    init.message !== undefined && init.message !== null
      ? JSON.stringify(init.message)
      : init.params === undefined || templateParams(template).length === 0
        ? prepared.message
        : JSON.stringify(fillTemplate(template, init.params));
  const retryAfter = retryAfterOf(definition, init, options);
  const details = detailsOf(template, init);
  const text =
    `${prepared.head}${message}${prepared.middle}${JSON.stringify(requestId)}${prepared.tail}` +
    `${retryAfter === undefined ? '' : `,"retry_after":${retryAfter}`}` +
    `${details === undefined ? '' : `,"details":${JSON.stringify(details)}`}}`;
  return { text, retryAfter };
}

/**
 * The headers of an error response: the request id, `Retry-After` where the policy says wait or the
 * operation requires it, the rate window's fields when given. With `staged`, the request id is
 * left out: the request-id stage has already set it on the response.
 */
export function buildHeaders(
  definition: ErrorDefinition,
  retryAfter: number | undefined,
  init: ErrorInit,
  context: ResponseContext,
  options: EnvelopeOptions,
  staged = false,
): Record<string, string> {
  // One object written in place: the error path is a refusing server's hottest.
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!staged) headers[options.requestIdHeader] = context.requestId;
  const { code, meta } = definition;
  if (retryAfter !== undefined || requiresRetryAfter(context.operation, meta.status))
    headers['Retry-After'] = String(retryAfter ?? waitSeconds(init.retryAfter ?? options.retryAfter(code)));
  if (context.rateLimit) Object.assign(headers, rateLimitFields(context.rateLimit));
  if (init.headers) {
    Object.assign(headers, init.headers);
    // The staged id is the one the body names.
    if (staged && options.requestIdHeader in init.headers) delete headers[options.requestIdHeader];
  }
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
