// A body's Content-Encoding over real HTTP on the kit's safe server: gzip, deflate and br are undone
// before parsing, the limit holds for what comes out (a small bomb answers 413), a coding the kit
// does not know or data that is not what its coding says answers 400 with a message saying so.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errataServer } from '../../errata-spec.js';
import { useServed } from '../../test-support/http.js';
import { type ErrataEnv, errorHandler, requestId } from '../index.js';
import { body } from './index.js';

const kit = errataServer();
const LIMIT = 2000;

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(kit));
  app.post('/v1/finetunes', body(kit, 'createFinetune', { limit: LIMIT }), (c) =>
    c.json({ body: c.var.body, rawBytes: c.var.rawBody?.length }),
  );
  app.onError(errorHandler(kit, { log: null }));
  return app;
}
const served = useServed(app, kit);

const json = JSON.stringify({ model: 'echo-1', name: 'n', files: ['f'] });
const bomb = gzipSync(JSON.stringify({ model: 'echo-1', name: 'x'.repeat(100_000) }));

const cases: {
  name: string;
  given: { encoding?: string; bytes: Uint8Array | string };
  want: { status: number; code?: string; reason?: RegExp };
}[] = [
  { name: 'no Content-Encoding', given: { bytes: json }, want: { status: 200 } },
  { name: 'identity', given: { encoding: 'identity', bytes: json }, want: { status: 200 } },
  { name: 'gzip', given: { encoding: 'gzip', bytes: gzipSync(json) }, want: { status: 200 } },
  { name: 'x-gzip, in capitals', given: { encoding: 'X-GZIP', bytes: gzipSync(json) }, want: { status: 200 } },
  { name: 'deflate', given: { encoding: 'deflate', bytes: deflateSync(json) }, want: { status: 200 } },
  { name: 'br', given: { encoding: 'br', bytes: brotliCompressSync(json) }, want: { status: 200 } },
  {
    name: 'gzip then br, undone in reverse',
    given: { encoding: 'gzip, br', bytes: brotliCompressSync(gzipSync(json)) },
    want: { status: 200 },
  },
  {
    name: `a ${bomb.length}-byte gzip body that inflates past the limit`,
    given: { encoding: 'gzip', bytes: bomb },
    want: { status: 413, code: 'REQUEST_TOO_LARGE' },
  },
  {
    name: 'a coding the kit does not know',
    given: { encoding: 'zstd', bytes: json },
    want: { status: 400, code: 'INVALID_REQUEST', reason: /Content-Encoding "zstd" is not supported; send it as gzip/ },
  },
  {
    name: 'plain JSON labelled gzip',
    given: { encoding: 'gzip', bytes: json },
    want: { status: 400, code: 'INVALID_REQUEST', reason: /not valid gzip data/ },
  },
];

describe('a request body’s Content-Encoding', () => {
  it.each(cases)('$name → $want.status', async ({ given, want }) => {
    const response = await fetch(`${served().url}/v1/finetunes`, {
      method: 'POST',
      body: typeof given.bytes === 'string' ? given.bytes : new Uint8Array(given.bytes),
      headers: {
        'Content-Type': 'application/json',
        ...(given.encoding ? { 'Content-Encoding': given.encoding } : {}),
      },
    });
    const reply = { status: response.status, body: await response.json() };
    expect([reply.status, reply.body.code]).toEqual([want.status, want.code]);
    if (want.status === 200) expect(reply.body).toEqual({ body: JSON.parse(json), rawBytes: json.length });
    if (want.reason) expect(reply.body.message).toMatch(want.reason);
  });
});
