// The README's complete adopter server, run: every stage answers over real HTTP on 127.0.0.1, and
// the README shows this very file.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedApp } from '../src/node/index.js';
import { start } from './adopter-server.js';

let served: ServedApp;
beforeAll(async () => {
  served = await start(0);
});
afterAll(() => served.close());

const KEY = { Authorization: 'Bearer sk_test_1', 'Content-Type': 'application/json' };
const finetune = JSON.stringify({ model: 'echo-1', name: 'n', files: ['file_1'] });

describe('the adopter server of the README', () => {
  it.each([
    { name: 'no key', given: { path: '/v1/models/x', init: {} }, want: [401, 'MISSING_API_KEY'] },
    {
      name: 'a wrong key',
      given: { path: '/v1/models/x', init: { headers: { Authorization: 'Bearer no' } } },
      want: [401, 'INVALID_API_KEY'],
    },
    {
      name: 'a catalog error',
      given: { path: '/v1/models/x', init: { headers: KEY } },
      want: [404, 'MODEL_NOT_FOUND'],
    },
    {
      name: 'a body the schema refuses',
      given: { path: '/v1/finetunes', init: { method: 'POST', headers: KEY, body: '{"name":"n","files":["f"]}' } },
      want: [400, 'MISSING_REQUIRED_FIELD'],
    },
    {
      name: 'a body too large',
      given: { path: '/v1/finetunes', init: { method: 'POST', headers: KEY, body: 'x'.repeat(2 << 20) } },
      want: [413, 'REQUEST_TOO_LARGE'],
    },
    {
      name: 'a valid body',
      given: { path: '/v1/finetunes', init: { method: 'POST', headers: KEY, body: finetune } },
      want: [201, undefined],
    },
    { name: 'an unrouted path', given: { path: '/v2/x', init: { headers: KEY } }, want: [404, 'ENDPOINT_NOT_FOUND'] },
  ])('$name → $want.0', async ({ given, want }) => {
    const res = await fetch(served.url + given.path, given.init as RequestInit);
    const body = (await res.json()) as { code?: string; request_id?: string };
    expect([res.status, body.code]).toEqual(want);
    if (want[1]) expect(body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('says where the caller’s rate window stands, in both forms', async () => {
    const res = await fetch(`${served.url}/v1/models/x`, { headers: KEY });
    expect(res.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(res.headers.get('ratelimit-policy')).toBe('"default";q=300;w=10');
    expect(res.headers.get('ratelimit-limit')).toBe('300');
  });

  it('replays a retried POST with the same Idempotency-Key', async () => {
    const post = () =>
      fetch(`${served.url}/v1/finetunes`, {
        method: 'POST',
        headers: { ...KEY, 'Idempotency-Key': 'k1' },
        body: finetune,
      });
    const first = await (await post()).json();
    const retry = await post();
    expect([retry.headers.get('idempotent-replayed'), await retry.json()]).toEqual(['true', first]);
  });

  it('answers a header the parser refuses with the envelope', async () => {
    const text = await new Promise<string>((resolve) => {
      const socket = connect(served.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nX: \u0001\r\n\r\n'));
      let got = '';
      socket.on('data', (chunk) => (got += chunk)).on('close', () => resolve(got));
    });
    expect(text).toMatch(/^HTTP\/1.1 400 [\s\S]*"code":"INVALID_REQUEST"/);
  });

  it('is the README’s example, line for line, under 40 lines', () => {
    const example = readFileSync(new URL('./adopter-server.ts', import.meta.url), 'utf8')
      .replace("from '../src/index.js'; // '@errata/server'", "from '@errata/server';")
      .replace("from '../src/hono/index.js'; // '@errata/server/hono'", "from '@errata/server/hono';")
      .replace("from '../src/node/index.js'; // '@errata/server/node'", "from '@errata/server/node';")
      .trim();
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(example);
    expect(example.split('\n').length).toBeLessThan(40);
  });
});
