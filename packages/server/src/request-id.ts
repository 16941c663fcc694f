/**
 * Request ids: an incoming `X-Request-Id` is kept when it is a safe token (a proxy in front may
 * have minted it, and one id end to end is what support needs); anything else gets a fresh id.
 * The header and the body's `request_id` always carry the same value.
 */
import { randomUUID } from 'node:crypto';

/** Printable, no spaces or quotes, 8–128 characters: safe to echo in a header and a log line. */
export const INCOMING_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export interface RequestIdOptions {
  /** Prefix of minted ids (default `req_`). */
  prefix?: string;
  /** Which incoming ids to keep; `false` never keeps one (default {@link INCOMING_REQUEST_ID}). */
  accept?: RegExp | false;
}

/**
 * A function that returns the incoming id when it is acceptable, or mints `req_<32 hex>`.
 *
 * @example
 * const requestId = createRequestIds();
 * requestId('req_0123456789abcdef'); // 'req_0123456789abcdef'
 * requestId('bad id\r\n');           // 'req_3f2a…' (minted)
 */
export function createRequestIds(options: RequestIdOptions = {}): (incoming?: string | null) => string {
  const prefix = options.prefix ?? 'req_';
  const accept = options.accept ?? INCOMING_REQUEST_ID;
  return (incoming) =>
    accept && typeof incoming === 'string' && accept.test(incoming)
      ? incoming
      : `${prefix}${randomUUID().replaceAll('-', '')}`;
}
