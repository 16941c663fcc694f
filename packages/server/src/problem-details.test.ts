// RFC 9457 problem details over real HTTP: the same envelope, the RFC's members added, when the
// client asks (negotiate) or always; plain JSON otherwise.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrataServer } from './errata-server.js';
import { errataSpec } from './errata-spec.js';
import { type ErrataEnv, errorHandler, notFound, requestId } from './hono/index.js';
import { request, useServed } from './test-support/http.js';

const kit = createErrataServer({ spec: errataSpec(), problemDetails: 'negotiate' });

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(kit));
  app.onError(errorHandler(kit)).notFound(notFound(kit));
  return app;
}
const served = useServed(app, kit);

describe('problem details', () => {
  it.each([
    { name: 'Accept: application/problem+json', given: 'application/problem+json', want: 'application/problem+json' },
    {
      name: 'problem+json among others',
      given: 'application/json;q=0.5, application/problem+json',
      want: 'application/problem+json',
    },
    { name: 'Accept: application/json', given: 'application/json', want: 'application/json' },
    { name: 'no Accept', given: undefined, want: 'application/json' },
  ])('$name → $want', async ({ given, want }) => {
    const reply = await request(`${served().url}/nowhere`, given ? { headers: { Accept: given } } : {});
    expect(reply.headers.get('content-type')).toMatch(new RegExp(`^${want.replace('+', '\\+')}`));
    const id = reply.headers.get('x-request-id');
    // The envelope is there either way: Errata's clients and schemas read it unchanged.
    expect(reply.body).toMatchObject({ code: 'ENDPOINT_NOT_FOUND', status: 404, request_id: id });
    if (want === 'application/problem+json')
      expect(reply.body).toMatchObject({
        type: reply.body.doc_url,
        title: expect.any(String),
        detail: reply.body.message,
        instance: id,
      });
    else expect(reply.body.type).toBeUndefined();
  });
});
