/**
 * Every error the client can throw, in one place.
 *
 * HTTP errors are *returned* as `error` (the canonical envelope) and only thrown by the helpers
 * (`unwrap`, `subscribe`, `cancel`). Transport failures — no response, or a response cut off —
 * are always *thrown*, as an `ErrataError` whose code is a {@link ClientErrorCode}.
 */
import type { AnyErrorBody, ErrorCode } from '@errata/types';
import type { ErrorCategory } from '@errata/types/policy';
import { factsOf, isCode } from './internal/catalog-view.js';
import { type RawError, rawErrorOf } from './internal/raw-error.js';

/**
 * Codes for failures that happen on the client's side of the wire. They are not in the server
 * catalog (where TIMEOUT and REQUEST_ABORTED are the *server's* 408s) and never appear in a body.
 *
 * | code | when | retried |
 * |---|---|---|
 * | `CONNECTION_ERROR` | no response: DNS, refused, reset before the headers | yes |
 * | `CLIENT_TIMEOUT` | one attempt took longer than `timeout` | yes |
 * | `RESPONSE_INCOMPLETE` | the headers came, the body was cut off | yes |
 * | `TOO_MANY_REDIRECTS` | a redirect loop: more than 20 redirects (fetch's limit; where fetch says so) | no |
 * | `DEADLINE_EXCEEDED` | the call's `totalTimeout` (or `subscribe`'s `timeout`) ran out | no |
 * | `ABORTED` | the caller's `AbortSignal` fired | no |
 * | `INVALID_RESPONSE` | a 2xx whose body is not the JSON the operation declares, or a malformed stream event | no |
 * | `INVALID_OPTIONS` | bad options, a call that makes no valid request, or a misuse; never quotes a secret | no |
 *
 * `INVALID_OPTIONS` covers bad options to `createClient` (e.g. an `apiKey` with a line break), a call whose headers
 * or URL make no valid request, and a misuse (an unknown provider, a client not made by
 * `createClient`, a stream read twice).
 *
 * Mid-stream, `RESPONSE_INCOMPLETE` also covers a stream that ended without `done`; nothing is
 * retried once a stream has started (see {@link ErrataStreamError}).
 */
export type ClientErrorCode =
  | 'CONNECTION_ERROR'
  | 'CLIENT_TIMEOUT'
  | 'RESPONSE_INCOMPLETE'
  | 'TOO_MANY_REDIRECTS'
  | 'DEADLINE_EXCEEDED'
  | 'ABORTED'
  | 'INVALID_RESPONSE'
  | 'INVALID_OPTIONS';

/** A canonical error body, as the client hands it out: the envelope of some catalog code. */
export type ErrorEnvelope = AnyErrorBody;

/** What an {@link ErrataError} is built from besides its code and message. */
interface ErrataErrorInit {
  status?: number;
  body?: ErrorEnvelope | undefined;
  raw?: RawError | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

const retriedClientCodes: readonly string[] = ['CONNECTION_ERROR', 'CLIENT_TIMEOUT', 'RESPONSE_INCOMPLETE'];

/**
 * The one error class. Its message, `toString()` and JSON never contain the API key: every text
 * that came from the server is redacted before it gets here, and the request (whose headers hold
 * the key) is never kept.
 *
 * @example
 * try {
 *   const model = unwrap(await client.GET('/v1/models/{model}', { params: { path: { model: 'echo-1' } } }));
 * } catch (e) {
 *   if (e instanceof ErrataError && e.code === 'MODEL_NOT_FOUND') console.log(e.docUrl);
 * }
 */
export class ErrataError extends Error {
  override readonly name: string = 'ErrataError';
  /** A catalog code (the server answered) or a {@link ClientErrorCode} (it did not, or not fully). */
  readonly code: ErrorCode | ClientErrorCode;
  /** The HTTP status the response had; `undefined` when there was no response. */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /**
   * The code's family, from the catalog (`authentication`, `permission`, `billing`, `validation`,
   * `rate_limit`, `server`…), or `client` for a {@link ClientErrorCode}: branch on it rather than on
   * lists of codes.
   */
  readonly category: ErrorCategory | 'client';
  /** Whether the same request may succeed later: the catalog's retry policy, or the transport failure's kind. */
  readonly retryable: boolean;
  /** Seconds the server asked to wait, when it asked. */
  readonly retryAfter: number | undefined;
  readonly docUrl: string | undefined;
  readonly details: unknown;
  /**
   * Where a normalized provider error came from (its provider, own code, status, message);
   * `undefined` for Errata's own errors.
   */
  readonly origin: ErrorEnvelope['origin'];
  /** The canonical envelope, for server errors. */
  readonly body: ErrorEnvelope | undefined;
  /** The response as it came over the wire (redacted, possibly truncated): for debugging only. */
  readonly raw: RawError | undefined;

  constructor(code: ErrorCode | ClientErrorCode, message: string, init: ErrataErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const { body } = init;
    this.code = code;
    this.status = init.status;
    this.body = body;
    this.raw = init.raw;
    // The caller's id first: a stream's X-Request-Id, a failed job's id (not the poll's).
    this.requestId = init.requestId || body?.request_id || undefined;
    this.retryAfter = body?.retry_after;
    this.docUrl = body?.doc_url;
    this.details = body?.details;
    this.origin = body?.origin;
    const facts = isCode(code) ? factsOf(code) : undefined;
    this.category = (facts?.category as ErrorCategory | undefined) ?? 'client';
    this.retryable = facts ? facts.retry !== 'never' : retriedClientCodes.includes(code);
  }

  /** The JSON form: the envelope's fields and nothing that could hold a secret (no cause, no raw body). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      category: this.category,
      message: this.message,
      status: this.status,
      request_id: this.requestId,
      retryable: this.retryable,
      retry_after: this.retryAfter,
      doc_url: this.docUrl,
      details: this.details,
      origin: this.origin,
    };
  }
}

/**
 * What a stream's iterator throws once the stream has started: an `error` event (its envelope's
 * catalog code), a connection cut or a stream that ended without `done` (`RESPONSE_INCOMPLETE`), a
 * malformed event (`INVALID_RESPONSE`), or your abort (`ABORTED`). `status` is the stream
 * response's HTTP status (200), `requestId` its `X-Request-Id`; the tokens received so far come
 * with it. It is never retried by the client: see `retrySafe`.
 *
 * Exported by `@errata/client/stream`.
 *
 * @example
 * try {
 *   for await (const event of events) if (event.event === 'token') process.stdout.write(event.data.text);
 * } catch (e) {
 *   if (e instanceof ErrataStreamError && e.retrySafe) console.log(`retry; discard ${e.tokensReceived} tokens`);
 * }
 */
export class ErrataStreamError extends ErrataError {
  override readonly name: string = 'ErrataStreamError';
  /** The text of every token event received before the failure, in order. */
  readonly partialText: string;
  /** How many token events were received before the failure. */
  readonly tokensReceived: number;
  /**
   * Whether running the same input again may succeed: the catalog's `midStream.retrySafe` for an
   * error event; true for a cut connection or a missing `done`; false for a malformed event and an
   * abort. A retry starts over: replace the partial output, do not append to it.
   */
  readonly retrySafe: boolean;

  constructor(
    code: ErrorCode | ClientErrorCode,
    message: string,
    init: Omit<ErrataErrorInit, 'raw'> & { partialText: string; tokensReceived: number; retrySafe: boolean },
  ) {
    super(code, message, init);
    this.partialText = init.partialText;
    this.tokensReceived = init.tokensReceived;
    this.retrySafe = init.retrySafe;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), tokens_received: this.tokensReceived, retry_safe: this.retrySafe };
  }
}

/**
 * Builds the error `unwrap` and the queue helpers throw from a canonical envelope; `requestId`,
 * when given, is the id the error is known by (a failed job's) rather than the envelope's.
 *
 * @example
 * const { error, response } = await client.GET('/v1/models');
 * if (error) throw toErrataError(error, response);
 */
export function toErrataError(body: ErrorEnvelope, response?: Response, requestId?: string): ErrataError {
  const id = requestId || body.request_id;
  const suffix = id ? ` (request ${id})` : '';
  return new ErrataError(body.code, `${body.code}: ${body.message}${suffix}`, {
    status: response?.status ?? body.status,
    body,
    raw: response && rawErrorOf(response),
    requestId,
  });
}

/**
 * Returns `data`, or throws the `error` as an {@link ErrataError}: for those who prefer throwing.
 *
 * @example
 * const models = unwrap(await client.GET('/v1/models'));
 */
export function unwrap<D, E>(result: { data?: D; error?: E; response: Response }): D {
  if (result.error !== undefined) throw toErrataError(result.error as unknown as ErrorEnvelope, result.response);
  return result.data as D;
}
