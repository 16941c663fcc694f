// Every 2xx of the spec declares a JSON body: an empty one is a typed error, never `data: undefined`.
import type { ServerResponse } from 'node:http';
import spec from '@errata/types/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './helpers/serve.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

const model = { params: { path: { model: 'echo-1' } } } as const;

describe('an empty 2xx is a typed error, never data: undefined', () => {
  // The rule rests on a fact of the spec: every 2xx of every operation declares a JSON body.
  it('every 2xx response in the spec declares application/json', () => {
    const responses = Object.values(spec.paths)
      .flatMap((item) =>
        Object.values(item as Record<string, { responses?: Record<string, { content?: object; $ref?: string }> }>),
      )
      .flatMap((op) =>
        Object.entries(op.responses ?? {})
          .filter(([status]) => status.startsWith('2'))
          .map(([, r]) => r),
      );
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(Object.keys(r.content ?? {})).toContain('application/json');
  });

  it.each([
    {
      name: '200 with Content-Length: 0',
      given: (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
        res.end();
      },
    },
    {
      name: '200 chunked and empty',
      given: (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.end();
      },
    },
    {
      name: '204 on an operation that declares a JSON body',
      given: (res: ServerResponse) => {
        res.writeHead(204);
        res.end();
      },
    },
  ])('$name → INVALID_RESPONSE from the call and from unwrap', async ({ given }) => {
    const { client } = await serve((_req, res) => given(res), { maxRetries: 0 });
    const error = await thrown(client.GET('/v1/models/{model}', model));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false, category: 'client' });
    expect(error).not.toBeInstanceOf(TypeError);
  });
});
