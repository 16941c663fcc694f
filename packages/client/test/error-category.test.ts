// ErrataError.category comes from the catalog, for the codes a bare status maps to.
import { describe, expect, it } from 'vitest';
import { ErrataError } from '../src/index.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

describe('ErrataError.category', () => {
  it.each([
    { status: 401, want: 'authentication' },
    { status: 429, want: 'rate_limit' },
    { status: 500, want: 'server' },
  ])('$status → $want, from the catalog', async ({ status, want }) => {
    const { client } = await serve((_req, res) => reply(res, status, ''), { maxRetries: 0 });
    const result = await client.GET('/v1/models');
    const error = await thrown(
      Promise.resolve().then(() => {
        if (result.error) throw new ErrataError(result.error.code, result.error.message);
      }),
    );
    expect(error.category).toBe(want);
  });
});
