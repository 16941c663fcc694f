// How the client reads a body (a stream reader and one decoder shared by every call), seen over
// HTTP: a body in several chunks, a character split between two of them, a body cut at the limit,
// and the raw error body, redacted when it is read and the same on every read.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ErrataError, getRawError, unwrap } from '../src/index.js';
import { serverPerTest } from './helpers/serve.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();
const model = { params: { path: { model: 'echo-1' } } } as const;

/** Writes `text` in pieces of `size` bytes, each flushed before the next: a character may be split. */
async function inChunks(res: ServerResponse, status: number, text: string, size: number): Promise<void> {
  res.writeHead(status, { 'content-type': 'application/json' });
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size)
    await new Promise<void>((resolve) => res.write(bytes.subarray(at, at + size), () => resolve()));
  res.end();
}

const message = 'Modèle « echo-9 » introuvable ☕';
const envelope = JSON.stringify({ code: 'MODEL_NOT_FOUND', message, status: 404, request_id: 'req_1', doc_url: '' });

const chunked: { name: string; given: { status: number; size: number }; want: string }[] = [
  { name: 'a 2xx in 1-byte chunks', given: { status: 200, size: 1 }, want: message },
  { name: 'a 2xx in 7-byte chunks', given: { status: 200, size: 7 }, want: message },
  { name: 'a 2xx in one chunk', given: { status: 200, size: 1 << 16 }, want: message },
  { name: 'an error answer in 1-byte chunks', given: { status: 404, size: 1 }, want: message },
  { name: 'an error answer in 7-byte chunks', given: { status: 404, size: 7 }, want: message },
];

describe('reading a body', () => {
  it.each(chunked)('$name: every character whole', async ({ given, want }) => {
    const body = given.status === 200 ? JSON.stringify({ id: 'echo-1', message }) : envelope;
    const { client } = await serve((_req, res) => inChunks(res, given.status, body, given.size), { maxRetries: 0 });
    const { data, error, response } = await client.GET('/v1/models/{model}', model);
    expect(((data ?? error) as { message: string }).message).toBe(want);
    if (error) expect(getRawError(response)).toMatchObject({ body, truncated: false });
  });

  it('an error body cut at maxErrorBodyBytes inside a character ends in U+FFFD', async () => {
    // 'é' is 2 bytes: a 5-byte limit keeps 'abcd' and the first of them.
    const { client } = await serve((_req, res) => inChunks(res, 500, 'abcdéfgh', 3), {
      maxRetries: 0,
      maxErrorBodyBytes: 5,
    });
    const { error, response } = await client.GET('/v1/models/{model}', model);
    expect(error?.code).toBe('INTERNAL_ERROR');
    expect(getRawError(response)).toMatchObject({ body: 'abcd\uFFFD', truncated: true });
  });
});

describe('the raw error body', () => {
  const key = 'sk_live_0123456789abcdef';

  it('is redacted, and the same object on every read (getRawError, ErrataError.raw)', async () => {
    const body = JSON.stringify({ code: 'INVALID_API_KEY', message: `bad key ${key}`, status: 401, doc_url: '' });
    const { client } = await serve((_req, res) => inChunks(res, 401, body, 1 << 16), { apiKey: key });
    const result = await client.GET('/v1/models/{model}', model);
    const raw = getRawError(result.response);
    expect(raw?.body).toBe(body.replace(key, '[redacted]'));
    expect(getRawError(result.response)).toBe(raw);
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ErrataError);
    expect((error as ErrataError).raw).toBe(raw);
  });
});
