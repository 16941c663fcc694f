import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createProviderSandbox, type ProviderSandbox, type ProviderSandboxOptions } from '../app.js';
import { serveH2c } from '../serve-h2c.js';

export interface Served extends ProviderSandbox {
  url: string;
  /** The same app over h2c, for the AWS SDK (Bedrock): `${h2Url}/bedrock` is its endpoint. */
  h2Url: string;
  close(): Promise<void>;
}

/** The provider sandbox on a real socket on 127.0.0.1, on a free port. */
export async function serveSandbox(options: ProviderSandboxOptions = {}): Promise<Served> {
  const sandbox = createProviderSandbox(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const created = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(created));
  });
  const { port } = server.address() as AddressInfo;
  const h2c = await serveH2c(sandbox.app, { port: 0 });
  return {
    ...sandbox,
    url: `http://127.0.0.1:${port}`,
    h2Url: h2c.url,
    close: async () => {
      await Promise.all([
        h2c.close(),
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        }),
      ]);
    },
  };
}
