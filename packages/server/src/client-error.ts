/**
 * Requests Node's HTTP parser refuses before any handler runs — bad bytes in a header, headers
 * over `maxHeaderSize`, headers that do not arrive within `headersTimeout` — would get Node's bare
 * `400 Bad Request` (or `408`) without a body. This answers them with the envelope and a request
 * id instead, through the server's `clientError` hook, wherever the socket can still take a response.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrataServer } from './errata-server.js';

/** Parser errors that are not "malformed", by the kit code they answer. */
const ANSWERS: Record<string, 'tooLarge' | 'timeout'> = {
  HPE_HEADER_OVERFLOW: 'tooLarge',
  // headersTimeout or requestTimeout ran out (Node emits it here when a clientError listener exists).
  ERR_HTTP_REQUEST_TIMEOUT: 'timeout',
};

/**
 * A `clientError` listener for a node:http server (also the one @hono/node-server's `serve` returns).
 *
 * @example
 * const httpServer = createServer(handler);
 * httpServer.on('clientError', onClientError(server));
 */
export function onClientError(
  server: ErrataServer<string>,
): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    // A reset or half-closed socket cannot be answered.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = error.code === undefined ? undefined : ANSWERS[error.code];
    const reason =
      `the HTTP request could not be parsed (${error.code ?? 'malformed'}): ` +
      'check the request line and header bytes';
    const { status, headers, body } =
      answer === 'tooLarge'
        ? server.error(server.codes.tooLarge, { details: { issue: 'the request headers are too large' } })
        : answer === 'timeout'
          ? server.error(server.codes.timeout, { details: { issue: 'the request did not arrive in time' } })
          : server.error(server.codes.invalidRequest, { params: { reason } });
    const text = JSON.stringify(body);
    const head = Object.entries({ ...headers, 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n\r\n${text}`);
  };
}
