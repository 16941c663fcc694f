/**
 * The provider sandbox over cleartext HTTP/2 (h2c, prior knowledge): @aws-sdk/client-bedrock-runtime
 * sends every request over HTTP/2 (its default handler is NodeHttp2Handler), so the Bedrock routes
 * need a listener that speaks it. It serves the same app as the HTTP/1.1 listener, every route.
 */
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface H2cListener {
  /** `http://127.0.0.1:<port>`: with the app's base path and `/bedrock`, the AWS SDK's `endpoint`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves an app over h2c; resolves once it listens.
 *
 * @example
 * const { app } = createProviderSandbox();
 * const h2c = await serveH2c(app, { port: 0 });
 * new BedrockRuntimeClient({ endpoint: `${h2c.url}/bedrock`, region: 'us-east-1', credentials });
 */
export async function serveH2c(app: Hono, options: { port: number; hostname?: string }): Promise<H2cListener> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, createServer, port: options.port, hostname }, () => resolve(created));
    created.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const sessions = new Set<{ destroy(): void }>();
  server.on('session', (session: { destroy(): void; once(event: 'close', run: () => void): void }) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return {
    url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      }),
  };
}
