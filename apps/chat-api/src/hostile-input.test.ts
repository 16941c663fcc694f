// Chat API tried with bad input as an attacker or a careless client sends it, over real HTTP on
// 127.0.0.1: each case failed before the server kit did it for every adopter.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatApi } from './server.js';

const KEYS = ['sk_chat_a', 'sk_chat_b'];
let api: Awaited<ReturnType<typeof startChatApi>>;
beforeAll(async () => {
  // A short header timeout, so that the slowloris case ends on the server's own timer.
  api = await startChatApi({ port: 0, keys: KEYS, headersTimeoutMs: 200 });
});
afterAll(() => api?.close());

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEYS[0]}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** Sends `bytes` on a fresh connection; resolves with everything the server wrote before closing. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(api.port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}
const split = (text: string) => {
  const at = text.indexOf('\r\n\r\n');
  return { head: text.slice(0, at), body: text.slice(at + 4) };
};

const hello = (content: string) => JSON.stringify({ model: 'tiny-chat-1', messages: [{ role: 'user', content }] });

describe('Chat API under bad input', () => {
  it('answers a 20 MB body 413 REQUEST_TOO_LARGE, which clients do not retry', async () => {
    const reply = await post('/v1/chat/completions', hello('x'.repeat(20 * 1024 * 1024)));
    expect([reply.status, reply.body.code, reply.body.retry]).toEqual([413, 'REQUEST_TOO_LARGE', 'never']);
  });

  it('scopes an Idempotency-Key to the API key: key B never gets key A’s stored response', async () => {
    const a = await post('/v1/chat/completions', hello('secret of A'), { 'Idempotency-Key': 'shared-key-1' });
    const b = await post('/v1/chat/completions', hello('hello from B'), {
      'Idempotency-Key': 'shared-key-1',
      Authorization: `Bearer ${KEYS[1]}`,
    });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(JSON.stringify(b.body)).not.toContain('secret of A');
  });

  it('answers 100,000-level nested JSON with an Idempotency-Key 400 INVALID_REQUEST', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const reply = await post('/v1/chat/completions', deep, { 'Idempotency-Key': 'deep-1' });
    expect([reply.status, reply.body.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('fills IDEMPOTENCY_CONFLICT’s message: no literal {key}', async () => {
    await post('/v1/chat/completions', hello('one'), { 'Idempotency-Key': 'conflict-1' });
    const reply = await post('/v1/chat/completions', hello('two'), { 'Idempotency-Key': 'conflict-1' });
    expect([reply.status, reply.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(reply.body.message).toBe('Idempotency-Key conflict-1 was already used with a different request.');
    expect(reply.body.details).toEqual({ key: 'conflict-1' });
  });

  it('answers a header with a control byte with the envelope and a request id', async () => {
    const { head, body } = split(
      await raw('GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_\u0001\r\n\r\n'),
    );
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const id = /\r\nX-Request-Id: (\S+)/i.exec(head)?.[1];
    expect(JSON.parse(body)).toMatchObject({ code: 'INVALID_REQUEST', request_id: id });
  });

  it('answers headers that never finish 408 TIMEOUT', async () => {
    const { head, body } = split(await raw('GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\n'));
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(body)).toMatchObject({ code: 'TIMEOUT', status: 408 });
  });
});
