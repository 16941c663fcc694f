// A wait a provider states only in its message, over real HTTP: honoured when it is short, and
// reported without waiting when it is longer than the client is willing to wait.
import { describe, expect, it } from 'vitest';
import { providerNormalizer } from '../src/normalize-error.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';

const serve = serverPerTest();
const azure429 = (message: string) => JSON.stringify({ error: { code: '429', message } });

describe('waits stated in the message', () => {
  it('a day-long wait is reported at once, not retried', async () => {
    const body = azure429('Requests … have exceeded token rate limit. Please retry after 86400 seconds.');
    const { client, server } = await serve(
      (_req, res) => reply(res, 429, body, { 'content-type': 'application/json' }),
      {
        normalize: providerNormalizer(),
      },
    );
    const { error } = await client.GET('/v1/models');
    expect(error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retry_after: 86_400,
      origin: { provider: 'azure-openai' },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a short wait is the wait before the retry', async () => {
    const body = azure429('Rate limit is exceeded. Try again in 0.01 seconds.');
    const events: { type: string; wait?: number }[] = [];
    const { client, server } = await serve(
      (_req, res) => reply(res, 429, body, { 'content-type': 'application/json' }),
      { normalize: providerNormalizer('azure-openai'), maxRetries: 1, onEvent: (e) => events.push(e) },
    );
    const { error } = await client.GET('/v1/models');
    expect(error?.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(server.requests).toHaveLength(2);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ wait: 10 });
  });
});
