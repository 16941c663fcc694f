/**
 * `@errata/client/stream`: streamed runs. `stream(client, model, input)` resolves once the server
 * answered 200 `text/event-stream`, and the `ErrataStream` it returns is an async iterable of token
 * events and one final done event. Everything that can go wrong after that first byte — an `error`
 * event, a connection cut, a malformed event, a stream that ends without `done`, an abort — is
 * thrown from the iterator as one `ErrataStreamError` carrying the tokens received so far. A
 * subpath of its own, so that clients that never stream do not ship it.
 */

import type { Redactor } from '@errata/redact';
import type { components } from '@errata/types';
import type { CallOptions, ErrataClient } from './create-client.js';
import { type ClientErrorCode, ErrataError, ErrataStreamError, type ErrorEnvelope, toErrataError } from './errors.js';
import { factsOf, isCode } from './internal/catalog-view.js';
import { clientInternals } from './internal/client-internals.js';
import { isObject, type Normalizer, normalizeEnvelope } from './internal/envelope.js';
import { requestIdOf } from './internal/request-id.js';
import { sseEvents } from './internal/sse-events.js';
import { isStreamError } from './internal/stream-errors.js';

export { ErrataStreamError } from './errors.js';

type Schemas = components['schemas'];
/** One generated token: `data.index` counts from 0, `data.text` is the token's text. */
export interface TokenEvent {
  event: 'token';
  data: Schemas['TokenEvent']['data'];
}
/** The last event of a stream that succeeded: finish reason and usage. */
export interface DoneEvent {
  event: 'done';
  data: Schemas['DoneEvent']['data'];
}
/** What iterating a stream yields. An `error` event is never yielded: it is thrown. */
export type StreamEvent = TokenEvent | DoneEvent;

/**
 * A stream's call options: `timeout`, `maxRetries`, `idempotencyKey` and `headers` apply to the
 * request that starts it (so `Errata-Simulate` works); `signal` stops the stream too.
 */
export interface StreamOptions extends CallOptions {
  /** Aborting stops the stream and its request at once; the iterator throws `ABORTED`. */
  signal?: AbortSignal;
}

/** The input of a streamed run (`stream: true` is added). */
export type StreamInput = components['schemas']['TextGenerationInput'];

/**
 * Runs `model` with `stream: true` on a client from `createClient`. Resolves when the stream has
 * started (HTTP 200 `text/event-stream`); an error before that is the ordinary error response,
 * retried by the catalog and then thrown as `ErrataError`. After that, failures are thrown by the
 * iterator as `ErrataStreamError` and never retried. The client's `timeout` and `totalTimeout`
 * bound the wait for the stream to start, not the stream: bound that with `signal`.
 *
 * @example
 * const events = await stream(client, 'echo-1', { prompt: 'Hello' });
 * for await (const event of events) if (event.event === 'token') process.stdout.write(event.data.text);
 */
export async function stream(
  client: ErrataClient,
  model: string,
  input: StreamInput,
  options: StreamOptions = {},
): Promise<ErrataStream> {
  const internals = clientInternals.get(client);
  if (!internals)
    throw new ErrataError(
      'INVALID_OPTIONS',
      'stream: client must be a client made by createClient from @errata/client.',
    );
  const { signal, headers } = options;
  const path = '/v1/models/{model}/run';
  const init = {
    ...options,
    params: { path: { model } },
    body: { ...input, stream: true },
    headers: { ...Object.fromEntries(new Headers(headers as HeadersInit | undefined)), accept: 'text/event-stream' },
    parseAs: 'stream',
    signal,
  };
  let release = () => {};
  const { error, response } = (await internals.call('POST', path, init, (end) => (release = end))) as {
    error?: ErrorEnvelope;
    response: Response;
  };
  if (error !== undefined) throw toErrataError(error, response);
  const events = new ErrataStream(response, {
    normalize: internals.normalize ?? normalizeEnvelope,
    redact: internals.redact,
    requestIdHeader: internals.idHeader,
    signal,
    release,
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A server that ignored `stream: true`: not the contract, and not something to guess at.
    await events.cancel();
    throw new ErrataError(
      'INVALID_RESPONSE',
      `INVALID_RESPONSE: expected text/event-stream, got ${response.headers.get('content-type') ?? 'no content type'}.`,
      { status: response.status, requestId: events.requestId },
    );
  }
  return events;
}

/** What a stream needs from its client. */
export interface StreamContext {
  normalize: Normalizer;
  redact: Redactor;
  /** The request-id header (default `x-request-id`). */
  requestIdHeader?: string | undefined;
  /** The caller's signal: its abort ends the stream. */
  signal: AbortSignal | undefined;
  /** Ends the stream's request once the stream is over (its abort listener goes). */
  release: () => void;
}

/**
 * The events of one streamed run. Iterate it once (`for await`), or call `text()`. Breaking out
 * of the loop cancels the request.
 *
 * @example
 * const events = await stream(client, 'echo-1', { prompt: 'Hello' });
 * for await (const event of events) if (event.event === 'token') process.stdout.write(event.data.text);
 */
export class ErrataStream implements AsyncIterable<StreamEvent> {
  /** The request id of the stream response (its `X-Request-Id`, or the client's `requestIdHeader`). */
  readonly requestId: string | undefined;
  private readonly context: StreamContext;
  private used = false;
  private received: string[] = [];

  constructor(
    /** The 200 `text/event-stream` response; its body belongs to the stream. */
    readonly response: Response,
    context: StreamContext,
  ) {
    this.context = context;
    this.requestId = requestIdOf(response.headers, context.requestIdHeader);
  }

  /** The text of the tokens received so far. */
  get partialText(): string {
    return this.received.join('');
  }

  /**
   * Reads the whole stream and returns its text; throws like the iterator.
   *
   * @example
   * const text = await (await stream(client, 'echo-1', { prompt: 'Hello' })).text();
   */
  async text(): Promise<string> {
    for await (const _event of this);
    return this.partialText;
  }

  /**
   * Stops the stream and its request without reading on (a `break` out of the loop does the same).
   *
   * @example
   * await events.cancel();
   */
  async cancel(): Promise<void> {
    this.used = true;
    this.context.release();
    await this.response.body?.cancel().catch(() => {});
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.used) throw new ErrataError('INVALID_OPTIONS', 'ErrataStream: a stream can be read once.');
    this.used = true;
    return this.events();
  }

  private async *events(): AsyncGenerator<StreamEvent> {
    const { signal, release } = this.context;
    const reader = this.response.body?.getReader();
    const decoder = new TextDecoder();
    const parse = sseEvents();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
        try {
          chunk = await reader?.read();
        } catch (cause) {
          throw this.fail(
            signal?.aborted ? 'ABORTED' : 'RESPONSE_INCOMPLETE',
            'the connection broke off mid-stream',
            cause,
          );
        }
        if (!chunk || chunk.done) throw this.fail('RESPONSE_INCOMPLETE', 'the stream ended without a done event');
        for (const sse of parse(decoder.decode(chunk.value, { stream: true }))) {
          const event = this.accept(sse.event, sse.data);
          if (!event) continue;
          yield event;
          if (event.event === 'done') return;
          // Aborted while the caller held the event: stop before the next one.
          if (signal?.aborted) throw this.fail('ABORTED', 'the stream was aborted');
        }
      }
    } finally {
      // Done, failed, aborted or abandoned by a `break`: the request ends here, at once.
      reader?.cancel().catch(() => {});
      release();
    }
  }

  // A token or done event, `undefined` for an event this client does not know (a newer server's
  // `ping`), or a thrown ErrataStreamError for an error event or a malformed one.
  private accept(name: string, text: string): StreamEvent | undefined {
    // A provider's own mid-stream error shape (an OpenAI `data:` line with `error`), when the
    // client normalizes as that provider.
    if (name !== 'error' && isStreamError(this.context.normalize, name, text)) name = 'error';
    if (name !== 'token' && name !== 'done' && name !== 'error') return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw this.fail('INVALID_RESPONSE', `a ${name} event whose data is not JSON`, cause);
    }
    if (name === 'error') throw this.serverError(data, text);
    if (!isObject(data) || (name === 'token' ? typeof data.text !== 'string' : !isObject(data.usage))) {
      throw this.fail('INVALID_RESPONSE', `a ${name} event without its required fields`);
    }
    if (name === 'token') this.received.push(data.text as string);
    return { event: name, data } as StreamEvent;
  }

  // The error event's data, normalized like any error body (whatever shape a server or proxy put
  // there, the caller gets the canonical envelope, never `[object Object]`).
  private serverError(data: unknown, text: string): ErrataStreamError {
    const { normalize, redact } = this.context;
    // Without a status of its own, the error is read under the stream's 200, which rules no
    // crosswalk entry out (the code is then the one the event names, else the 500 default).
    const status = isObject(data) && typeof data.status === 'number' ? data.status : this.response.status;
    const { requestIdHeader } = this.context;
    const { envelope } = normalize({ status, headers: this.response.headers, body: text, requestIdHeader }, redact);
    const facts = isCode(envelope.code) ? factsOf(envelope.code) : undefined;
    // A code the catalog does not expect mid-stream falls back on its retry policy.
    const retrySafe = facts?.midStreamRetrySafe ?? facts?.retry !== 'never';
    return this.error(envelope.code, `${envelope.message}`, { body: envelope, retrySafe });
  }

  private fail(code: ClientErrorCode, what: string, cause?: unknown): ErrataStreamError {
    // A cut or an unfinished stream may well succeed again; a malformed event or an abort will not.
    return this.error(code, what, { cause, retrySafe: code === 'RESPONSE_INCOMPLETE' });
  }

  private error(
    code: ErrataStreamError['code'],
    what: string,
    init: { body?: ErrataStreamError['body']; cause?: unknown; retrySafe: boolean },
  ): ErrataStreamError {
    const tokens = this.received.length;
    const requestId = this.requestId || init.body?.request_id;
    const where = `after ${tokens} token${tokens === 1 ? '' : 's'}${requestId ? `, request ${requestId}` : ''}`;
    return new ErrataStreamError(code, this.context.redact(`${code}: ${what} (${where})`), {
      ...init,
      status: this.response.status,
      requestId: this.requestId,
      partialText: this.partialText,
      tokensReceived: tokens,
    });
  }
}
