/**
 * Reading a request body, safe by default: one size limit for every media type (JSON and multipart
 * alike, 1 MiB unless set), a time limit, a nesting limit for JSON, the media type checked against
 * what the operation accepts, then parsed. Failures are catalog errors that quote nothing from the
 * body (Node 20's JSON.parse messages quote it, and a body may hold a secret); the kit answers them
 * with an envelope whatever codes the spec lists (`server.check()` says which it should).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CatalogError } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import { nestsDeeperThan } from '../../json-depth.js';
import type { ErrataEnv } from '../env.js';
import { decodeBody } from './decode-body.js';
import { type ReadOptions, readBody, tooLargeError } from './read-body.js';

export interface BodyOptions extends Partial<Omit<ReadOptions, 'limit'>> {
  /** Bytes (default 1 MiB); a larger body answers the too-large code (413) and the connection is closed. */
  limit?: number;
  /** How deep JSON may nest (default 64); deeper answers the invalid-request code (400) before it is parsed. */
  maxDepth?: number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_JSON_DEPTH = 64;

const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase();

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
 * Reads, checks and parses the operation's request body into `c.var.body` (its bytes, decoded, in
 * `c.var.rawBody`): the media type must be one the spec lists for it (`text/plain` to a JSON
 * operation is refused), a gzip, deflate or br Content-Encoding is undone (any other is refused),
 * the size within `limit` (as sent and as decoded), the time within `timeoutMs`, JSON must parse
 * and nest at most `maxDepth` deep, multipart becomes its fields.
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
  options: BodyOptions = {},
): MiddlewareHandler<E> {
  const accepted = server.model.operation(operationId)?.requestBody?.contentTypes.map((t) => t.toLowerCase());
  if (!accepted) throw new Error(`${operationId} has no request body in the spec`);
  const invalid = (reason: string) => new CatalogError(server.codes.invalidRequest, { params: { reason } });
  const multipart = accepted.some((t) => t.startsWith('multipart/'));
  const read: ReadOptions = { ...options, limit: options.limit ?? DEFAULT_BODY_LIMIT };
  const maxDepth = options.maxDepth ?? DEFAULT_JSON_DEPTH;
  return async function bodyStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const type = mediaType(c.req.header('content-type'));
    const bytes = await decodeBody(
      await readBody(c, server, read),
      c.req.header('content-encoding'),
      read.limit,
      (why) => (why === 'too-large' ? tooLargeError(server, read) : invalid(why.reason)),
    );
    c.set('rawBody', bytes);
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
      if (nestsDeeperThan(bytes, maxDepth)) throw invalid(`the JSON nests deeper than ${maxDepth} levels`);
      try {
        c.set('body', JSON.parse(text));
      } catch (error) {
        throw invalid(`the body is not valid JSON (${jsonFailure(error)})`);
      }
    }
    await next();
  };
}
