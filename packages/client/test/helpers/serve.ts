import { afterEach, expect } from 'vitest';
import { createClient, type ErrataClientOptions } from '../../src/index.js';
import { type Provider, providerNormalizer } from '../../src/normalize-error.js';
import { type Handler, reply, startServer } from './server.js';

/**
 * A `serve(handler, options)` for one test file: starts a node:http server on 127.0.0.1 and a
 * client pointed at it (short retry delays), and closes every server after each test.
 */
export function serverPerTest(apiKey = 'sk_test_valid') {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async function serve(handler: Handler, options: Partial<ErrataClientOptions> = {}) {
    const server = await startServer(handler);
    servers.push(server);
    return { server, client: createClient({ baseUrl: server.url, apiKey, initialDelay: 10, ...options }) };
  };
}

/**
 * What a client with `provider`'s normalizer (and no retries) gets for `GET /v1/models` when the
 * server answers with a fixture case's status and body, verbatim, as JSON: the request is sent
 * once, and `data`, `error` and `response` are the client's.
 *
 * @example
 * const { error } = await getAnswer(serve, { provider: 'openai', status: 429, body });
 */
export async function getAnswer(
  serve: ReturnType<typeof serverPerTest>,
  { provider, status, body }: { provider: Provider; status: number; body: string },
) {
  const { client, server } = await serve(
    (_req, res) => reply(res, status, body, { 'content-type': 'application/json' }),
    { normalize: providerNormalizer(provider), maxRetries: 0 },
  );
  const answer = await client.GET('/v1/models');
  expect(server.requests).toHaveLength(1);
  return answer;
}
