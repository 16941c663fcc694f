/**
 * The `ErrataError`s of the attempt loop that are not error answers: a transport failure, a 2xx
 * whose body is not what the operation declares, an abort during a wait, a request that could
 * not be built. Part of the deferred path (`deferred.ts`).
 */

import { REDACTED, type Redactor } from '@errata/redact';
import { type ClientErrorCode, ErrataError } from '../errors.js';
import type { StopReason } from './attempt-timer.js';
import type { CallSettings } from './call-settings.js';
import { requestIdOf } from './request-id.js';

const codeOfStop: Record<StopReason, ClientErrorCode> = {
  aborted: 'ABORTED',
  timeout: 'CLIENT_TIMEOUT',
  deadline: 'DEADLINE_EXCEEDED',
};

// What undici (Node's fetch) says when a redirect chain passes 20 hops. Other runtimes say only
// "failed to fetch": there a redirect loop is a CONNECTION_ERROR.
const redirectLoop = /redirect count exceeded/i;

/**
 * The error of an attempt that failed in transport: by why the client stopped it, if it did; else
 * `TOO_MANY_REDIRECTS` for a redirect loop, `RESPONSE_INCOMPLETE` once headers came (`answered`),
 * `CONNECTION_ERROR` before. An `ErrataError` thrown inside the attempt is kept as it is.
 */
export function transportError(
  cause: unknown,
  stoppedBy: StopReason | undefined,
  answered: boolean,
  redact: Redactor,
): ErrataError {
  if (cause instanceof ErrataError) return cause;
  const inner = cause instanceof Error ? (cause.cause as { code?: string; message?: string } | undefined) : undefined;
  const code: ClientErrorCode = stoppedBy
    ? codeOfStop[stoppedBy]
    : redirectLoop.test(inner?.message ?? '')
      ? 'TOO_MANY_REDIRECTS'
      : answered
        ? 'RESPONSE_INCOMPLETE'
        : 'CONNECTION_ERROR';
  const detail = cause instanceof Error ? `${cause.message}${inner?.code ? ` (${inner.code})` : ''}` : String(cause);
  const suffix = code === 'TOO_MANY_REDIRECTS' ? ` (${inner?.message})` : '';
  return new ErrataError(code, redact(`${code}: ${detail}${suffix}`), { cause });
}

/**
 * A 2xx whose body is not the JSON every 2xx of the spec declares: `INVALID_RESPONSE`, never
 * `data: undefined` for the caller's next line to trip on. An empty body (a 204, a
 * `Content-Length: 0`, an empty chunked body) included. The parser's message quotes the body: it
 * is redacted, and the cause is not kept.
 */
export function notJson(
  response: Response,
  text: string,
  { redact, idHeader }: Pick<CallSettings, 'redact' | 'idHeader'>,
): ErrataError {
  let what = 'had an empty body where the operation declares JSON';
  if (text !== '')
    try {
      JSON.parse(text);
    } catch (cause) {
      what = `body is not JSON (${redact((cause as Error).message)})`;
    }
  return new ErrataError('INVALID_RESPONSE', `INVALID_RESPONSE: the ${response.status} response ${what}.`, {
    status: response.status,
    requestId: requestIdOf(response.headers, idHeader),
  });
}

/** The error of a call aborted during a retry wait. */
export const abortedInWait = (): ErrataError =>
  new ErrataError('ABORTED', 'ABORTED: the call was aborted during a retry wait.');

/**
 * A request that openapi-fetch could not build (a header value with a newline, a character past
 * Latin-1): its TypeError quotes the value, which may be a key, so the quote is cut and the cause
 * (which would show it again) is not kept.
 */
export function unbuildable(cause: TypeError, redact: Redactor): ErrataError {
  return new ErrataError(
    'INVALID_OPTIONS',
    redact(`INVALID_OPTIONS: the request could not be built: ${cause.message.replace(/"[\s\S]*"/, `"${REDACTED}"`)}`),
  );
}
