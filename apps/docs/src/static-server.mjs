/**
 * A small static file server for the built site, used by the browser tests and `pnpm dev`:
 * 127.0.0.1 only, gzip when the client accepts it, directory URLs without a trailing slash
 * redirected to it (so relative links work, as on any static host), nothing outside the root.
 */

import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Starts serving `root` on 127.0.0.1 under `prefix` (as the sandbox serves the docs under `/docs/`).
 *
 * @example
 * const server = await startStaticServer({ root: 'dist', prefix: '/docs/' });
 * await fetch(`${server.url}errors/`); // server.url ends with the prefix
 * await server.close();
 * @param {{ root: string, prefix?: string, port?: number }} options port 0 (the default) picks a free port
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, prefix = '/', port = 0 }) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/'))
    throw new Error(`prefix must start and end with /, got ${prefix}`);
  const base = resolve(root);
  const server = createServer((request, response) => {
    respond(base, prefix, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal error');
    });
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The docs server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {string} base
 * @param {string} prefix
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
async function respond(base, prefix, request, response) {
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
  let pathname;
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

/** @param {import('node:http').ServerResponse} response */
function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Not found');
}
