// Builds every error response from the catalog: status, doc_url, message (from the code's
// template), retry_after with Retry-After when the code says to wait, Retry-After wherever the
// operation's response declares it as required, and RateLimit-* on 429s.
import { catalog, type ErrorCode } from '@errata/types';
import { formatMessage } from '@errata/types/texts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorInit } from './api-error.js';
import type { SandboxEnv } from './env.js';

const SECONDS_PER_DAY = 86_400;

function defaultRetryAfter(code: ErrorCode, fallback: number): number {
  // The daily allocation comes back at midnight UTC.
  if (code === 'DAILY_QUOTA_EXCEEDED') return SECONDS_PER_DAY - (Math.floor(Date.now() / 1000) % SECONDS_PER_DAY);
  return fallback;
}

/**
 * The envelope of `code` — the body of an error response and the `data` of a stream's error
 * event alike, so the two cannot drift apart.
 *
 * @example
 * errorEnvelope('OVERLOADED', { details: { tokens_delivered: 2 } }, 'req_0123456789abcdef', 2);
 */
export function errorEnvelope(code: ErrorCode, init: ApiErrorInit, requestId: string, fallbackRetryAfter: number): Record<string, unknown> {
  const entry = catalog[code];
  const body: Record<string, unknown> = {
    code,
    message: init.message ?? formatMessage(code, init.params),
    status: entry.status,
    request_id: requestId,
    doc_url: entry.docUrl,
  };
  if (entry.retry === 'after_retry_after') body.retry_after = init.retryAfter ?? defaultRetryAfter(code, fallbackRetryAfter);
  if (init.details) body.details = init.details;
  return body;
}

/**
 * The error response for `code` on the current request.
 *
 * @example
 * return errorResponse(c, 'MODEL_NOT_FOUND', { params: { model } }, 2);
 */
export function errorResponse(c: Context<SandboxEnv>, code: ErrorCode, init: ApiErrorInit, fallbackRetryAfter: number): Response {
  const entry = catalog[code];
  const body = errorEnvelope(code, init, c.get('requestId'), fallbackRetryAfter);
  const operation = c.get('operation');
  const declared = operation?.responses.find((r) => r.status === entry.status);
  const wantsHeader = declared?.headers.some((h) => h.required && h.name === 'Retry-After') ?? false;
  if (entry.retry === 'after_retry_after' || wantsHeader) c.header('Retry-After', String(body.retry_after ?? init.retryAfter ?? defaultRetryAfter(code, fallbackRetryAfter)));
  if (entry.status === 429) {
    const rate = c.get('rate');
    c.header('RateLimit-Limit', String(rate?.limit ?? 0));
    c.header('RateLimit-Remaining', String(rate?.remaining ?? 0));
    c.header('RateLimit-Reset', String(rate?.resetSeconds ?? init.retryAfter ?? fallbackRetryAfter));
  }
  for (const [name, value] of Object.entries(init.headers ?? {})) c.header(name, value);
  return c.json(body, entry.status as ContentfulStatusCode);
}
