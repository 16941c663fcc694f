// An error body far past maxErrorBodyBytes: read up to the limit, its message kept, the cut said.
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

describe('a 10 MB error body', () => {
  it('keeps its message when it is near the start, and says the body was cut', async () => {
    const dump = 'x'.repeat(10 * 1024 * 1024);
    const body = `{"code":"INTERNAL_ERROR","message":"disk full","request_id":"req_big","details":{"dump":"${dump}"}}`;
    const { client } = await serve((_req, res) => reply(res, 500, body, { 'content-type': 'application/json' }), {
      maxRetries: 0,
    });
    const { error } = await client.GET('/v1/models');
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', request_id: 'req_big' });
    expect(error?.message).toMatch(/^disk full \(error body cut at 65536 bytes\)$/);
  });
});
