// Requests Node's HTTP parser refuses never reach Hono: the sandbox answers them through the
// server's clientError hook with the envelope and a request id, over real TCP on 127.0.0.1.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './test-support/http.js';

const sandbox = useSandbox();

function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox().port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('parser-level failures', () => {
  it.each([
    {
      name: 'a control byte in the Authorization header',
      given: 'GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_\u0001\r\n\r\n',
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: 'headers over Node’s 16 KiB limit',
      given: `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      want: { status: 413, code: 'REQUEST_TOO_LARGE' },
    },
  ])('$name → $want.code', async ({ given, want }) => {
    const [head, text] = (await raw(given)).split('\r\n\r\n') as [string, string];
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${want.status} `));
    const id = /\r\nX-Request-Id: (\S+)/i.exec(head)?.[1];
    expect(JSON.parse(text)).toMatchObject({
      code: want.code,
      status: want.status,
      request_id: id,
      doc_url: expect.stringContaining(`#${want.code}`),
    });
    expect(text).not.toContain('sk_');
  });
});
