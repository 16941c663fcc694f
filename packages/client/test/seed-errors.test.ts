// Every seed error over real HTTP: a node:http server on 127.0.0.1 answers with the case's status
// and body, verbatim, and a client with that provider's normalizer hands out the canonical
// envelope with its origin (and, for a body the provider documents as not an error, the data).
import { catalog, type ErrorCode } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { getRawError } from '../src/index.js';
import { providerNormalizer } from '../src/normalize-error.js';
import { seedErrorCases } from './fixtures/seed-errors.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';

const serve = serverPerTest();

describe('seed errors through a provider client, over HTTP', () => {
  it.each(seedErrorCases)('#$id $seed', async ({ provider, status, body, want }) => {
    const { client, server } = await serve(
      (_req, res) => reply(res, status, body, { 'content-type': 'application/json' }),
      { normalize: providerNormalizer(provider), maxRetries: 0 },
    );
    const { data, error, response } = await client.GET('/v1/models');
    expect(server.requests).toHaveLength(1);
    expect(response.status).toBe(status);
    if ('not_an_error' in want) {
      expect(error).toBeUndefined();
      expect(data).toEqual(JSON.parse(body));
      return;
    }
    expect(data).toBeUndefined();
    const entry = catalog[want.code as ErrorCode];
    expect(error).toMatchObject({
      code: want.code,
      status: entry.status,
      category: entry.category,
      retry: entry.retry,
      request_id: want.request_id ?? '',
    });
    expect(error?.origin).toEqual(want.origin);
    if (want.details) expect(error?.details).toMatchObject(want.details);
    expect(getRawError(response)).toMatchObject({ status, body, truncated: false });
  });
});
