import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createProviderSandbox, type ProviderSandbox, type ProviderSandboxOptions } from '../app.js';

export interface Served extends ProviderSandbox {
  url: string;
  close(): Promise<void>;
}

/** The provider sandbox on a real socket on 127.0.0.1, on a free port. */
export async function serveSandbox(options: ProviderSandboxOptions = {}): Promise<Served> {
  const sandbox = createProviderSandbox(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const created = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(created));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...sandbox,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      }),
  };
}
