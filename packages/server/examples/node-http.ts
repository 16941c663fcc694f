/**
 * The core without a framework: a node:http server that answers with catalog errors. Any
 * framework works the same way — catch a CatalogError, send `server.error()`'s status, headers
 * and body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CatalogError, errataServer, isCatalogError } from '../src/index.js'; // '@errata/server' in your code

const server = errataServer();

function route(req: IncomingMessage): unknown {
  if (req.method === 'GET' && req.url === '/v1/models') {
    if (!req.headers.authorization) throw new CatalogError('MISSING_API_KEY');
    return { data: [] };
  }
  throw new CatalogError('ENDPOINT_NOT_FOUND', { params: { method: req.method ?? '', path: req.url ?? '' } });
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const requestId = server.requestId(req.headers['x-request-id'] as string | undefined);
  try {
    const payload = JSON.stringify(route(req));
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': requestId }).end(payload);
  } catch (error) {
    const { status, headers, body } = isCatalogError(error)
      ? server.error(error.code as never, error.init, { requestId })
      : server.error('INTERNAL_ERROR', {}, { requestId });
    res.writeHead(status, headers).end(JSON.stringify(body));
  }
}

/** A node:http server answering with Errata's envelope. */
export function createExampleServer(): Server {
  return createServer(handle);
}
