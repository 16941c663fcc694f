/**
 * Starting and stopping the sandbox on a real socket.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { onClientError } from '@errata/server';
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
  state: SandboxState;
  /** Stops accepting requests, drops open connections and clears the queue's timers. */
  close(): Promise<void>;
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
  const { app, state } = createApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(created as Server)) as Server;
    created.once('error', reject);
    // Requests the HTTP parser refuses (bad header bytes, oversize headers) get the envelope too.
    created.on('clientError', onClientError(state.server));
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    docsUrl: options.docsDir ? `${url}/docs/` : undefined,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.queue.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
