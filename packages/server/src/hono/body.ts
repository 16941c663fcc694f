/**
 * Reading a request body: one size limit for every media type (JSON and multipart alike), the
 * media type checked against what the operation accepts, then parsed. Failures are catalog
 * errors that quote nothing from the body (Node 20's JSON.parse messages quote it, and a body
 * may hold a secret).
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { CatalogError } from '../catalog-error.js';
import type { ErrataServer } from '../errata-server.js';
import type { ErrataEnv } from './env.js';

export interface BodyOptions {
  /** Bytes; a larger body answers the too-large code and the connection is closed. */
  limit: number;
}

const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase();

function tooLarge(c: Context, code: string): CatalogError {
  // The rest of the body is left unread: the connection cannot carry another request.
  c.header('Connection', 'close');
  return new CatalogError(code);
}

/**
 * The raw body, at most `limit` bytes. On @hono/node-server it reads the IncomingMessage
 * directly: building a web Request just to read a small body costs more than answering.
 *
 * @example
 * const bytes = await readBody(c, server, 1024 * 1024);
 */
export async function readBody(c: Context, server: ErrataServer<string>, limit: number): Promise<Buffer> {
  const code = server.codes.tooLarge;
  if (Number(c.req.header('content-length') ?? 0) > limit) throw tooLarge(c, code);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return readIncoming(incoming, limit, () => tooLarge(c, code));
  const chunks: Buffer[] = [];
  let size = 0;
  const source = c.req.raw.body as AsyncIterable<Uint8Array> | null;
  if (source) {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw tooLarge(c, code);
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
  }
  return Buffer.concat(chunks, size);
}

/** Node's stream events rather than its async iterator: the iterator's machinery costs more than a small body. */
function readIncoming(incoming: IncomingMessage, limit: number, overflow: () => CatalogError): Promise<Buffer> {
  if (incoming.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      // The rest is left unread (the connection closes); stop it flowing.
      incoming.pause();
      reject(overflow());
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
    const cleanup = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function jsonFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `unexpected content at character ${position}`;
  return /end of (JSON )?input/i.test(message) ? 'it ends too early' : 'unexpected content';
}

/**
 * A multipart form as its fields: a part with a filename is a `File`, any other part a string; a
 * repeated name keeps the last.
 */
async function parseForm(
  bytes: Buffer,
  contentType: string,
  invalid: (reason: string) => CatalogError,
): Promise<Record<string, string | File>> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes) as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': contentType },
    }).formData();
  } catch {
    throw invalid('the multipart body could not be parsed');
  }
  const fields: Record<string, string | File> = {};
  for (const [name, value] of form) fields[name] = value;
  return fields;
}

/**
 * Reads, checks and parses the operation's request body into `c.var.body`: the media type must
 * be one the spec lists for it (`text/plain` to a JSON operation is refused), the size within
 * `limit`, JSON must parse, multipart becomes its fields.
 *
 * @example
 * app.post(
 *   '/v1/finetunes',
 *   body(server, 'createFinetune', { limit: 1 << 20 }),
 *   validate(server, 'createFinetune'),
 *   handler,
 * );
 */
export function body<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  operationId: string,
  options: BodyOptions,
): MiddlewareHandler<E> {
  const accepted = server.model.operation(operationId)?.requestBody?.contentTypes.map((t) => t.toLowerCase());
  if (!accepted) throw new Error(`${operationId} has no request body in the spec`);
  const invalid = (reason: string) => new CatalogError(server.codes.invalidRequest, { params: { reason } });
  const multipart = accepted.some((t) => t.startsWith('multipart/'));
  return async function bodyStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const type = mediaType(c.req.header('content-type'));
    const bytes = await readBody(c, server, options.limit);
    // An empty body says nothing about its type: curl -d '' sends form-urlencoded. Say it is empty.
    if (bytes.length === 0 && !multipart) throw invalid(`the body is empty; send ${accepted.join(' or ')}`);
    if (!accepted.includes(type))
      throw invalid(
        `send the body as ${accepted.join(' or ')}${type ? `, not ${type}` : ' (Content-Type is missing)'}`,
      );
    if (type.startsWith('multipart/')) c.set('body', await parseForm(bytes, c.req.header('content-type')!, invalid));
    else {
      const text = bytes.toString('utf8');
      if (text.trim() === '') throw invalid('the body is empty; send a JSON object');
      try {
        c.set('body', JSON.parse(text));
      } catch (error) {
        throw invalid(`the body is not valid JSON (${jsonFailure(error)})`);
      }
    }
    await next();
  };
}

export interface ValidateOptions<E extends ErrataEnv = ErrataEnv> {
  /**
   * The schema to validate against, per request (e.g. by the model's task); default the operation's
   * request body schema.
   */
  schema?: (c: Context<E>) => string | undefined;
  /** What to validate (default `c.var.body`), e.g. a form with its file replaced by its name. */
  value?: (c: Context<E>) => unknown;
}

/**
 * Validates the operation's header parameters and `c.var.body` against the spec; a violation
 * throws the CatalogError the spec's `x-error-code` rules name.
 *
 * @example
 * app.post(
 *   '/v1/finetunes',
 *   body(server, 'createFinetune', { limit: 1 << 20 }),
 *   validate(server, 'createFinetune'),
 *   handler,
 * );
 */
export function validate<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  operationId: string,
  options: ValidateOptions<E> = {},
): MiddlewareHandler<E> {
  const headers = server.headers(operationId);
  const hasBody = server.model.operation(operationId)?.requestBody !== undefined;
  return async function validateStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    headers((name) => c.req.header(name));
    if (hasBody || options.schema)
      server.validator(operationId, options.schema?.(context))(options.value ? options.value(context) : c.get('body'));
    await next();
  };
}
