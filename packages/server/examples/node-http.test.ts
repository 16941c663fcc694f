import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleServer } from './node-http.js';

const server = createExampleServer();
let base = '';
beforeAll(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      }),
    ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cases: {
  name: string;
  given: { path: string; headers?: Record<string, string> };
  want: { status: number; code?: string };
}[] = [
  { name: 'no key', given: { path: '/v1/models' }, want: { status: 401, code: 'MISSING_API_KEY' } },
  { name: 'a key', given: { path: '/v1/models', headers: { Authorization: 'Bearer k' } }, want: { status: 200 } },
  { name: 'an unrouted path', given: { path: '/v2/x' }, want: { status: 404, code: 'ENDPOINT_NOT_FOUND' } },
];

describe('the node:http example, over HTTP on 127.0.0.1', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    const res = await fetch(base + given.path, { headers: given.headers ?? {} });
    expect(res.status).toBe(want.status);
    const body = (await res.json()) as Record<string, unknown>;
    if (want.code)
      expect(body).toMatchObject({
        code: want.code,
        status: want.status,
        request_id: res.headers.get('x-request-id'),
        doc_url: `https://errata.dev/docs/errors#${want.code}`,
      });
  });
});
