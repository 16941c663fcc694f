/**
 * Starting and stopping the sandbox on a real socket.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProviderSandbox } from '@errata/provider-sandbox';
import { onClientError } from '@errata/server';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { defaultOptions, type SandboxOptions } from './config.js';
import { defaultDocsDir } from './internal/docs.js';
import type { SandboxState } from './internal/state.js';

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Where the docs are served, or undefined when they are not built. */
  docsUrl: string | undefined;
  /** The provider-compatible endpoints (apps/provider-sandbox): `<providersUrl>/openai/v1` and so on. */
  providersUrl: string;
  state: SandboxState;
  /** Stops accepting requests, drops open connections and clears the queue's timers. */
  close(): Promise<void>;
}

const PROVIDERS_PATH = '/providers';

function isProvidersPath(url: string): boolean {
  const { pathname } = new URL(url);
  return pathname === PROVIDERS_PATH || pathname.startsWith(`${PROVIDERS_PATH}/`);
}

function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the sandbox; resolves once it listens.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, log: null });
 * await fetch(`${sandbox.url}/v1/models`, { headers: { Authorization: 'Bearer sk_test_valid' } });
 * await sandbox.close();
 */
export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const options = { ...defaultOptions, docsDir: defaultDocsDir(), ...overrides };
  // The app is built once the port is known, so that its doc_urls can point at the docs it serves
  // (with port 0 the URL exists only after listen). No request is read before the callback runs.
  let built: { app: ReturnType<typeof createApp>['app']; state: SandboxState } | undefined;
  // The providers' own APIs, failing on demand as each provider does, beside Errata's.
  const providers = createProviderSandbox({ basePath: PROVIDERS_PATH });
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve(
      {
        fetch: (request, env) => (isProvidersPath(request.url) ? providers.app : built!.app).fetch(request, env),
        port: options.port,
        hostname: options.host,
      },
      (info) => {
        const catalogUrl =
          options.catalogUrl ?? (options.docsDir ? `${baseUrl(options.host, info.port)}/docs/errors/` : undefined);
        built = createApp({ ...options, catalogUrl });
        // Requests the HTTP parser refuses (bad header bytes, oversize headers) get the envelope too.
        created.on('clientError', onClientError(built.state.server));
        resolve(created as Server);
      },
    ) as Server;
    created.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = baseUrl(options.host, port);
  const { state } = built!;
  return {
    url,
    port,
    docsUrl: options.docsDir ? `${url}/docs/` : undefined,
    providersUrl: `${url}${PROVIDERS_PATH}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.queue.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
