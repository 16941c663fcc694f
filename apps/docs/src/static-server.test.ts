import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from './static-server.js';

let root: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'errata-docs-'));
  mkdirSync(join(root, 'errors'));
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'errors', 'index.html'), '<h1>errors</h1>');
  writeFileSync(join(root, 'openapi.json'), '{}');
  writeFileSync(join(tmpdir(), 'errata-docs-secret.txt'), 'secret');
  server = await startStaticServer({ root, prefix: '/docs/' });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the static server', () => {
  it.each([
    {
      name: 'the index of the root',
      given: '/docs/',
      want: { status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' },
    },
    { name: 'the index of a folder', given: '/docs/errors/', want: { status: 200, body: '<h1>errors</h1>' } },
    {
      name: 'a folder without its slash',
      given: '/docs/errors?q=1',
      want: { status: 301, location: '/docs/errors/?q=1' },
    },
    { name: 'the prefix without its slash', given: '/docs', want: { status: 301, location: '/docs/' } },
    {
      name: 'JSON',
      given: '/docs/openapi.json',
      want: { status: 200, type: 'application/json; charset=utf-8', body: '{}' },
    },
    { name: 'a missing file', given: '/docs/nope.html', want: { status: 404 } },
    { name: 'a path outside the prefix', given: '/index.html', want: { status: 404 } },
    { name: 'a path escaping the root', given: '/docs/%2e%2e/errata-docs-secret.txt', want: { status: 404 } },
    { name: 'a malformed escape', given: '/docs/%E0%A4%A', want: { status: 404 } },
  ])('serves $name', async ({ given, want }) => {
    const response = await fetch(`${server.origin}${given}`, { redirect: 'manual' });
    expect(response.status).toBe(want.status);
    if (want.location) expect(response.headers.get('location')).toBe(want.location);
    if (want.type) expect(response.headers.get('content-type')).toBe(want.type);
    if (want.body) expect(await response.text()).toBe(want.body);
  });

  it('compresses when the client accepts gzip', async () => {
    const response = await fetch(`${server.url}errors/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('<h1>errors</h1>');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
