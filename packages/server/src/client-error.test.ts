import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errataServer, onClientError } from './index.js';

const kit = errataServer();
let http: Server;
let port = 0;
beforeAll(async () => {
  http = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('ok'));
  http.on('clientError', onClientError(kit));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  port = (http.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

/** Sends raw bytes over TCP and reads the answer until the server closes. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const cases: { name: string; given: string; want: { status: number; code: string } }[] = [
  {
    name: 'a control byte in a header value',
    given: 'GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
    want: { status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'a space in a header name',
    given: 'GET / HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n',
    want: { status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'headers over maxHeaderSize',
    given: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`,
    want: { status: 413, code: 'REQUEST_TOO_LARGE' },
  },
];

describe('onClientError, over TCP on 127.0.0.1', () => {
  it.each(cases)('$name → $want.code', async ({ given, want }) => {
    const answer = await raw(given);
    const [head, text] = answer.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')[0]).toBe(
      `HTTP/1.1 ${want.status} ${want.status === 400 ? 'Bad Request' : 'Payload Too Large'}`,
    );
    const body = JSON.parse(text) as Record<string, unknown>;
    const id = /\r\nX-Request-Id: (\S+)/i.exec(head)?.[1];
    expect(body).toMatchObject({ code: want.code, status: want.status, request_id: id });
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(head).toMatch(/\r\nConnection: close/);
  });

  it('leaves good requests alone', async () => {
    expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1.1 200 OK[\s\S]*ok$/);
  });
});
