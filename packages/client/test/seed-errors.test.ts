// Every seed error over real HTTP: a node:http server on 127.0.0.1 answers with the case's status
// and body, verbatim, and a client with that provider's normalizer hands out the canonical
// envelope with its origin (and, for a body the provider documents as not an error, the data).
import { describe, expect, it } from 'vitest';
import { getRawError } from '../src/index.js';
import { seedErrorCases } from './fixtures/seed-errors.js';
import { expectCanonical } from './helpers/canonical.js';
import { getAnswer, serverPerTest } from './helpers/serve.js';

const serve = serverPerTest();

describe('seed errors through a provider client, over HTTP', () => {
  it.each(seedErrorCases)('#$id $seed', async ({ provider, status, body, want }) => {
    const { data, error, response } = await getAnswer(serve, { provider, status, body });
    expect(response.status).toBe(status);
    if ('not_an_error' in want) {
      expect(error).toBeUndefined();
      expect(data).toEqual(JSON.parse(body));
      return;
    }
    expect(data).toBeUndefined();
    expectCanonical(error, want);
    expect(getRawError(response)).toMatchObject({ status, body, truncated: false });
  });
});
