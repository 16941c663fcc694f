// A real HTTP server on 127.0.0.1 (port 0) for tests: each request is recorded, then answered by
// the handler. `close()` also ends hanging connections, so a test never leaves a socket open.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  /**
   * Resolves once `count` requests passing `test` have been recorded (at once if they have): how a
   * test waits for a request to arrive, rather than for time to pass.
   */
  received(count?: number, test?: (request: Recorded) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const waiters = new Set<() => boolean>();
  const received = (count = 1, test: (request: Recorded) => boolean = () => true) =>
    new Promise<void>((resolve) => {
      const check = () => {
        const done = requests.filter(test).length >= count;
        if (done) resolve();
        return done;
      };
      if (!check()) waiters.add(check);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      for (const check of waiters) if (check()) waiters.delete(check);
      Promise.resolve(handler(recorded, res, requests.length - 1)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : undefined);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens: a server was there a moment ago. */
export async function refusedUrl(): Promise<string> {
  const server = await startServer(() => {});
  await server.close();
  return server.url;
}

/** Answers with a status, headers and a body (JSON-encoded unless it is a string). */
export function reply(
  res: ServerResponse,
  status: number,
  body: unknown = '',
  headers: Record<string, string | number> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}
