import { afterEach } from 'vitest';
import { createClient, type ErrataClientOptions } from '../../src/index.js';
import { type Handler, startServer } from './server.js';

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
