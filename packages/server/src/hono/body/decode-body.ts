/**
 * A request body's content coding (RFC 9110 §8.4) undone before it is parsed: gzip, deflate and br,
 * as body-parser and most servers do, with the size limit applied to what comes out, so that a small
 * compressed body cannot inflate past it (a "zip bomb" answers the too-large code like any large
 * body). A coding the kit does not know is refused with a message that says which it knows: parsed
 * as it is, a compressed body would only be called "not valid JSON".
 */
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';

type Decoder = (bytes: Buffer, options: ZlibOptions) => Promise<Buffer>;

// `x-gzip` is gzip's old name, which RFC 9110 says a recipient should treat as gzip.
const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress) as Decoder,
};

/** Why a body could not be decoded: the invalid-request code's reason, or the too-large code. */
export type DecodeFailure = { reason: string } | 'too-large';

/** The codings a body can be sent in, for a message. */
const KNOWN_CODINGS = 'gzip, deflate or br';

/**
 * `bytes` with the codings of `contentEncoding` undone (last applied, first undone), at most `limit`
 * bytes; `identity` and no header leave the bytes as they are.
 *
 * @example
 * const json = await decodeBody(gzipped, 'gzip', 1 << 20, (failure) => new Error(String(failure)));
 */
export async function decodeBody(
  bytes: Buffer,
  contentEncoding: string | undefined,
  limit: number,
  fail: (failure: DecodeFailure) => Error,
): Promise<Buffer> {
  if (contentEncoding === undefined) return bytes;
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let decoded = bytes;
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding];
    const unknown = `the body's Content-Encoding ${JSON.stringify(coding)} is not supported`;
    if (!decoder) throw fail({ reason: `${unknown}; send it as ${KNOWN_CODINGS}, or uncoded` });
    try {
      decoded = await decoder(decoded, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw fail('too-large');
      throw fail({ reason: `the body is not valid ${coding} data, as its Content-Encoding says` });
    }
  }
  return decoded;
}
