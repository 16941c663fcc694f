/**
 * Reading a request body under a size limit and a time limit. On @hono/node-server it reads the
 * IncomingMessage directly: building a web Request just to read a small body costs more than
 * answering. A body over the limit, or one that stalls, is answered at once with the connection
 * closed (the rest is never read), so a slow client holds nothing the request took on the way.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { CatalogError, type ErrorInit } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import { systemTimers, type Timers } from '../../timers.js';

export interface ReadOptions {
  /** Bytes; a larger body answers `tooLarge` (default the kit's too-large code) and the connection is closed. */
  limit: number;
  /** Milliseconds the whole body may take to arrive (default 30 s); longer answers the timeout code (408). */
  timeoutMs?: number;
  /** The clock the timeout runs on (default the wall clock). */
  timers?: Timers;
  /** What an over-limit body answers instead, e.g. FILE_TOO_LARGE on an upload. */
  tooLarge?: { code: string; init?: ErrorInit };
}

const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/** Fails the request and closes the connection: the rest of the body is left unread. */
function closing(c: Context, error: CatalogError): CatalogError {
  c.header('Connection', 'close');
  return error;
}

/**
 * What a body over the limit answers: `tooLarge` when the operation sets one, else the kit's too-large code.
 *
 * @example
 * throw tooLargeError(server, { limit: 1024, tooLarge: { code: 'FILE_TOO_LARGE' } });
 */
export function tooLargeError(server: ErrataServer<string>, options: ReadOptions): CatalogError {
  const { tooLarge } = options;
  return tooLarge ? new CatalogError(tooLarge.code, tooLarge.init) : new CatalogError(server.codes.tooLarge);
}

/**
 * The raw body, at most `limit` bytes, within `timeoutMs`.
 *
 * @example
 * const bytes = await readBody(c, server, { limit: 1024 * 1024 });
 */
export async function readBody(c: Context, server: ErrataServer<string>, options: ReadOptions): Promise<Buffer> {
  const { limit } = options;
  const overflow = () => closing(c, tooLargeError(server, options));
  if (Number(c.req.header('content-length') ?? 0) > limit) throw overflow();
  const timedOut = () =>
    closing(
      c,
      new CatalogError(server.codes.timeout, { details: { issue: 'the request body did not arrive in time' } }),
    );
  const timers = options.timers ?? systemTimers;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming)
    return readIncoming(incoming, limit, overflow, (fail) => timers.setTimeout(() => fail(timedOut()), timeoutMs));
  return readStream(c.req.raw.body, limit, overflow);
}

/**
 * Node's stream events rather than its async iterator: the iterator's machinery costs more than a
 * small body. `startTimer` arms the time limit and returns its cancel.
 */
function readIncoming(
  incoming: IncomingMessage,
  limit: number,
  overflow: () => CatalogError,
  startTimer: (fail: (error: CatalogError) => void) => () => void,
): Promise<Buffer> {
  if (incoming.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      cleanup();
      // The rest is left unread (the connection closes); stop it flowing.
      incoming.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop(overflow());
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // A client that goes away mid-body: no 'end' will come.
    const onClose = () => onError(new Error('the client closed the connection before the body ended'));
    const cancelTimer = startTimer(stop);
    const cleanup = () => {
      cancelTimer();
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

async function readStream(
  source: ReadableStream<Uint8Array> | null,
  limit: number,
  overflow: () => CatalogError,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (source) {
    for await (const chunk of source as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw overflow();
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
  }
  return Buffer.concat(chunks, size);
}
