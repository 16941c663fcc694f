/**
 * A small static file server for the built site, used by the browser tests and `pnpm dev`:
 * 127.0.0.1 only, gzip when the client accepts it, directory URLs without a trailing slash
 * redirected to it (so relative links work, as on any static host), nothing outside the root.
 */

import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Where to serve from. */
export interface StaticServerOptions {
  root: string;
  /** The path the site is served under; `/` by default. */
  prefix?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** A running server. */
export interface StaticServer {
  /** The site's URL: the origin and the prefix. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts serving `root` on 127.0.0.1 under `prefix` (as the sandbox serves the docs under `/docs/`).
 *
 * @example
 * const server = await startStaticServer({ root: 'dist/site', prefix: '/docs/' });
 * await fetch(`${server.url}errors/`); // server.url ends with the prefix
 * await server.close();
 */
export async function startStaticServer({ root, prefix = '/', port = 0 }: StaticServerOptions): Promise<StaticServer> {
  if (!prefix.startsWith('/') || !prefix.endsWith('/'))
    throw new Error(`prefix must start and end with /, got ${prefix}`);
  const base = resolve(root);
  const server = createServer((request, response) => {
    respond(base, prefix, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal error');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The docs server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Answers one request from the files under `base`. */
async function respond(
  base: string,
  prefix: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    response.end('Method not allowed');
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (`${url.pathname}/` === prefix) {
    response.writeHead(301, { location: `${prefix}${url.search}` });
    response.end();
    return;
  }
  if (!url.pathname.startsWith(prefix)) return notFound(response);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname.slice(prefix.length - 1));
  } catch {
    pathname = '';
  }
  let file = resolve(join(base, pathname));
  if (!pathname || (file !== base && !file.startsWith(base + sep))) return notFound(response);
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      response.writeHead(301, { location: `${url.pathname}/${url.search}` });
      response.end();
      return;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return notFound(response);

  const body = await readFile(file);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && !type.startsWith('image/png');
  const payload = gzip ? gzipSync(body) : body;
  response.writeHead(200, {
    'content-type': type,
    'content-length': payload.length,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : payload);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Not found');
}
