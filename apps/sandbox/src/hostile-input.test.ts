// Bad input as an attacker or a careless client sends it, over real HTTP on 127.0.0.1: each case
// failed before its fix (the server-kit adoption trial found them).
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-support/http.js';
import { manualClock } from './test-support/manual-clock.js';

/** Sends `bytes` on a fresh connection; resolves with everything the server wrote before closing. */
function raw(port: number, bytes: string): { sent: Promise<void>; reply: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const sent = new Promise<void>((resolve) => socket.once('connect', () => socket.write(bytes, () => resolve())));
  const reply = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  return { sent, reply };
}

describe('Errata-Simulate-Retry-After', () => {
  const sandbox = useSandbox({ rateLimit: 100_000 });

  it.each([
    { name: 'a number too large for a timer', given: '9'.repeat(400), want: 86_400 },
    { name: 'more than a day', given: '90000', want: 86_400 },
    { name: 'thirty seconds', given: '30', want: 30 },
  ])('$name: Retry-After and retry_after agree on a finite wait ($want)', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'GET', '/v1/models', {
      headers: { 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', 'Errata-Simulate-Retry-After': given },
    });
    expect([reply.status, reply.headers.get('retry-after'), reply.body.retry_after]).toEqual([429, String(want), want]);
  });
});

describe('an upload far over the file limit', () => {
  const sandbox = useSandbox({ rateLimit: 100_000, fileLimitBytes: 1_000 });

  it('is FILE_TOO_LARGE, as the README promises, not REQUEST_TOO_LARGE', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(200_000)]), 'big.jsonl');
    form.append('purpose', 'finetune');
    const reply = await call(sandbox().url, 'POST', '/v1/files', { body: form });
    expect([reply.status, reply.body.code, reply.body.details?.max_bytes]).toEqual([400, 'FILE_TOO_LARGE', 1_000]);
  });
});

describe('a request body that stalls', () => {
  const clock = manualClock();
  const sandbox = useSandbox({ rateLimit: 100_000, concurrencyLimit: 1, bodyClock: clock });

  it('answers TIMEOUT and frees the key’s concurrency slot', async () => {
    const stalled = raw(
      sandbox().port,
      'POST /v1/models/echo-1/run HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_valid\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"prompt":',
    );
    await stalled.sent;
    // The body stage's timeout is the only timer on the body clock.
    await clock.pending();
    clock.fireNext();
    const text = await stalled.reply;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'TIMEOUT', status: 408 });
    const next = await call(sandbox().url, 'GET', '/v1/models');
    expect(next.status).toBe(200);
  });
});

describe('the request log', () => {
  const lines: string[] = [];
  const sandbox = useSandbox({ rateLimit: 100_000, log: (line) => lines.push(line) });

  it('writes a path with an encoded newline on one escaped line, never a forged one', async () => {
    lines.length = 0;
    await call(sandbox().url, 'GET', '/v1/models%0AGET%20/v1/admin%20200%200.1ms%20req_forged');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
    expect(lines[0]).toContain('\\n');
  });
});

describe('a queue submit', () => {
  const sandbox = useSandbox({ rateLimit: 100_000, clock: manualClock() });

  it('answers IN_QUEUE with only what had happened by then in its logs', async () => {
    const reply = await call(sandbox().url, 'POST', '/v1/queue/echo-1', { body: { prompt: 'hi' } });
    expect(reply.status).toBe(202);
    expect(reply.body.status).toBe('IN_QUEUE');
    expect(reply.body.logs.map((l: { message: string }) => l.message)).toEqual(['Queued.']);
  });
});
