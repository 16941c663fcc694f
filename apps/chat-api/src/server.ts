// Starting Chat API on a real socket, the way its main.ts does.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type ChatApiOptions, createChatApi } from './app.js';

export interface StartOptions extends ChatApiOptions {
  port?: number;
  /** How long a client may take to send its headers, in ms. */
  headersTimeoutMs?: number;
}

/**
 * Starts Chat API on 127.0.0.1; resolves once it listens.
 *
 * @example
 * const api = await startChatApi({ port: 0 });
 * await api.close();
 */
export function startChatApi(
  options: StartOptions = {},
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const app = createChatApi(options);
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 8787,
        hostname: '127.0.0.1',
        serverOptions: { headersTimeout: options.headersTimeoutMs ?? 60_000, connectionsCheckingInterval: 10 },
      },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              (server as Server).closeAllConnections();
              server.close(() => done());
            }),
        }),
    );
  });
}
