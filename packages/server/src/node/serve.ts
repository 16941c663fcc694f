/**
 * The safe way to put a fetch-style app (Hono's `app.fetch`) on a Node socket: the HTTP parser's
 * refusals (a control byte in a header, headers over the limit) answered with the envelope and a
 * request id instead of Node's bare 400, headers that do not arrive in time answered 408 `TIMEOUT`
 * (Node's default waits a minute and answers 400 once a hook exists), a request timeout so a
 * stalled client cannot hold a socket for Node's 300 s, and the startup check run once, so the
 * adopter learns which codes the spec should declare.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { onClientError } from '../client-error.js';
import type { ErrataServer } from '../errata-server.js';
import type { KitFinding } from '../kit-check.js';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

export interface ServeOptions {
  /** The app (`app.fetch`); its `env` is `{ incoming, outgoing }`, which the kit's body stage reads. */
  fetch: Fetch;
  /** The kit (or, when it depends on the port, a function of the port called once the server listens). */
  errata: ErrataServer<string> | ((port: number) => ErrataServer<string>);
  port?: number;
  hostname?: string;
  /** How long a client may take to send its headers (default 10 s); longer answers 408 TIMEOUT. */
  headersTimeoutMs?: number;
  /** How long a whole request may take to arrive (default 60 s); the body stage's own limit is usually shorter. */
  requestTimeoutMs?: number;
  /** How often Node checks those two timeouts (default 1 s; Node's own is 30 s). */
  timeoutCheckMs?: number;
  /** What to do with the startup check's findings (default: one `console.warn` line each). */
  onCheck?: (findings: KitFinding[]) => void;
}

/** A listening server. */
export interface ServedApp {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections and drops open ones. */
  close(): Promise<void>;
}

/** One line per finding, for a log. */
export function describeFinding({ operationId, code, status, why }: KitFinding): string {
  const where = operationId ? `${operationId} should declare` : 'the spec should hold';
  return `errata: ${where} ${status} ${code}: the kit answers it for ${why}`;
}

const warn = (findings: KitFinding[]) => {
  for (const finding of findings) console.warn(describeFinding(finding));
};

/**
 * Starts the app on a node:http server with the kit's hooks wired; resolves once it listens.
 *
 * @example
 * const served = await serve({ fetch: app.fetch, errata: server, port: 3000 });
 * console.log(`listening on ${served.url}`);
 */
export function serve(options: ServeOptions): Promise<ServedApp> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 60_000,
      connectionsCheckingInterval: options.timeoutCheckMs ?? 1_000,
    },
    getRequestListener(options.fetch as Parameters<typeof getRequestListener>[0], { hostname }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const errata = typeof options.errata === 'function' ? options.errata(port) : options.errata;
      server.on('clientError', onClientError(errata));
      (options.onCheck ?? warn)(errata.check());
      resolve({
        url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
