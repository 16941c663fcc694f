// Builds every error response from the catalog: status, doc_url, category, retry, message (from
// the code's template) with each template parameter also in `details`, retry_after with
// Retry-After when the code says to wait, Retry-After wherever the operation's response declares
// it as required, and RateLimit-* on 429s.
import { catalog, type ErrorCode } from '@errata/types';
import { errorTexts, formatMessage } from '@errata/types/texts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorInit } from './api-error.js';
import type { SandboxEnv } from './env.js';

const SECONDS_PER_DAY = 86_400;

const templateParams = new Map<ErrorCode, string[]>();
function paramsOf(code: ErrorCode): string[] {
  let names = templateParams.get(code);
  if (!names) templateParams.set(code, (names = [...errorTexts[code].message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)));
  return names;
}

// A daily allocation (a `{resets_at}` in the template) comes back at 00:00 UTC, as the spec says of
// Errata's own servers: the one reset time the sandbox derives rather than is told.
function dailyReset(nowMs: number): { at: string; seconds: number } {
  const seconds = SECONDS_PER_DAY - (Math.floor(nowMs / 1000) % SECONDS_PER_DAY);
  return { at: new Date((Math.floor(nowMs / 1000) + seconds) * 1000).toISOString().replace('.000Z', 'Z'), seconds };
}

interface Built {
  body: Record<string, unknown>;
  /** Seconds until a daily reset, when the code has one. */
  resetSeconds: number | undefined;
}

function build(code: ErrorCode, init: ApiErrorInit, requestId: string, fallbackRetryAfter: number): Built {
  const entry = catalog[code];
  const names = paramsOf(code);
  const params: Record<string, string | number> = { ...init.params };
  const reset = names.includes('resets_at') && params.resets_at === undefined ? dailyReset(Date.now()) : undefined;
  if (reset) params.resets_at = reset.at;
  const complete = names.every((name) => params[name] !== undefined);
  const body: Record<string, unknown> = {
    code,
    // A message given instead of the template (a simulated error's example) only when the request cannot fill it.
    message: complete ? formatMessage(code, params) : (init.message ?? formatMessage(code, params)),
    status: entry.status,
    request_id: requestId,
    doc_url: entry.docUrl,
    category: entry.category,
    retry: entry.retry,
  };
  if (entry.retry === 'after_retry_after') body.retry_after = init.retryAfter ?? fallbackRetryAfter;
  // Every template parameter is a machine-readable member of details; the request's values win
  // over an example's, so details and message agree.
  const stated = Object.fromEntries(names.filter((name) => params[name] !== undefined).map((name) => [name, params[name]]));
  const details = { ...init.details, ...stated };
  if (Object.keys(details).length) body.details = details;
  return { body, resetSeconds: reset?.seconds };
}

/**
 * The envelope of `code` — the body of an error response and the `data` of a stream's error
 * event alike, so the two cannot drift apart.
 *
 * @example
 * errorEnvelope('OVERLOADED', { details: { tokens_delivered: 2 } }, 'req_0123456789abcdef', 2);
 */
export function errorEnvelope(code: ErrorCode, init: ApiErrorInit, requestId: string, fallbackRetryAfter: number): Record<string, unknown> {
  return build(code, init, requestId, fallbackRetryAfter).body;
}

/**
 * The error response for `code` on the current request.
 *
 * @example
 * return errorResponse(c, 'MODEL_NOT_FOUND', { params: { model } }, 2);
 */
export function errorResponse(c: Context<SandboxEnv>, code: ErrorCode, init: ApiErrorInit, fallbackRetryAfter: number): Response {
  const entry = catalog[code];
  const { body, resetSeconds } = build(code, init, c.get('requestId'), fallbackRetryAfter);
  const operation = c.get('operation');
  const declared = operation?.responses.find((r) => r.status === entry.status);
  const wantsHeader = declared?.headers.some((h) => h.required && h.name === 'Retry-After') ?? false;
  // One wait everywhere: the body's retry_after, else the daily reset, else the request's own.
  const wait = body.retry_after ?? resetSeconds ?? init.retryAfter ?? fallbackRetryAfter;
  if (entry.retry === 'after_retry_after' || wantsHeader) c.header('Retry-After', String(wait));
  if (entry.status === 429) {
    const rate = c.get('rate');
    c.header('RateLimit-Limit', String(rate?.limit ?? 0));
    c.header('RateLimit-Remaining', String(resetSeconds !== undefined ? 0 : (rate?.remaining ?? 0)));
    c.header('RateLimit-Reset', String(resetSeconds ?? rate?.resetSeconds ?? init.retryAfter ?? fallbackRetryAfter));
  }
  for (const [name, value] of Object.entries(init.headers ?? {})) c.header(name, value);
  return c.json(body, entry.status as ContentfulStatusCode);
}
