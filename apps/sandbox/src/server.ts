/**
 * Starting and stopping the sandbox on a real socket.
 */

import { createProviderSandbox, serveH2c } from '@errata/provider-sandbox';
import { describeFinding, serve } from '@errata/server/node';
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
  /**
   * The Bedrock Runtime endpoint for the AWS SDK, on the providers' cleartext HTTP/2 listener (the
   * SDK speaks HTTP/2 only): `http://127.0.0.1:4012/providers/bedrock` by default.
   */
  bedrockUrl: string;
  state: SandboxState;
  /** Stops accepting requests, drops open connections and clears the queue's timers. */
  close(): Promise<void>;
}

const PROVIDERS_PATH = '/providers';

/**
 * Whether `url` (a request's URL, already normalised by the adapter: `href` form) is under the
 * providers' path. Read from the string, not parsed again: this runs on every request.
 */
function isProvidersPath(url: string): boolean {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0 || !url.startsWith(PROVIDERS_PATH, start)) return false;
  const next = url.charAt(start + PROVIDERS_PATH.length);
  return next === '' || next === '/' || next === '?' || next === '#';
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
  // (with port 0 the URL exists only after listen). No request is read before that.
  let built: ReturnType<typeof createApp> | undefined;
  // The providers' own APIs, failing on demand as each provider does, beside Errata's.
  const providers = createProviderSandbox({ basePath: PROVIDERS_PATH });
  // The kit's safe server: parser refusals and slow headers answered with the envelope, the startup check run.
  const served = await serve({
    fetch: (request, env) => (isProvidersPath(request.url) ? providers.app : built!.app).fetch(request, env),
    errata: (port) => {
      const catalogUrl =
        options.catalogUrl ?? (options.docsDir ? `${baseUrl(options.host, port)}/docs/errors/` : undefined);
      built = createApp({ ...options, catalogUrl });
      return built.state.server;
    },
    port: options.port,
    hostname: options.host,
    onCheck: (findings) => {
      for (const finding of findings) options.log?.(describeFinding(finding));
    },
  });
  const { state } = built!;
  // The AWS SDK speaks HTTP/2 only: the same provider routes on an h2c listener beside this one, two
  // ports up (the docs' dev server, `pnpm dev`, takes 4011).
  const h2Port = options.h2Port ?? (served.port === 0 || options.port === 0 ? 0 : served.port + 2);
  const h2c = await serveH2c(providers.app, { port: h2Port, hostname: options.host }).catch(async (error: unknown) => {
    await served.close();
    throw error;
  });
  return {
    url: served.url,
    port: served.port,
    docsUrl: options.docsDir ? `${served.url}/docs/` : undefined,
    providersUrl: `${served.url}${PROVIDERS_PATH}`,
    bedrockUrl: `${h2c.url}${PROVIDERS_PATH}/bedrock`,
    state,
    close: async () => {
      state.queue.close();
      await Promise.all([served.close(), h2c.close()]);
    },
  };
}
