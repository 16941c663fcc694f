// The docs folder served under /docs/, with content types and no way out of the folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { startSandbox } from './server.js';

const dir = mkdtempSync(join(tmpdir(), 'errata-docs-'));
mkdirSync(join(dir, 'errors'));
writeFileSync(join(dir, 'index.html'), '<h1>landing</h1>');
writeFileSync(join(dir, 'errors', 'index.html'), '<h1 id="MODEL_NOT_FOUND">errors</h1>');
writeFileSync(join(dir, 'style.css'), 'h1{}');
writeFileSync(join(dir, 'big.html'), `<h1>big</h1>${'<p>MODEL_NOT_FOUND</p>'.repeat(2000)}`);

describe('docs', () => {
  const { app } = createApp({ log: null, docsDir: dir });
  it.each([
    { name: 'the landing page', given: '/docs/', want: { status: 200, type: /text\/html/, text: 'landing' } },
    { name: 'a folder', given: '/docs/errors/', want: { status: 200, type: /text\/html/, text: 'MODEL_NOT_FOUND' } },
    { name: 'a stylesheet', given: '/docs/style.css', want: { status: 200, type: /text\/css/, text: 'h1{}' } },
    { name: 'a missing page', given: '/docs/nope', want: { status: 404, type: /text\/html/, text: 'No such page' } },
    {
      name: 'a path out of the folder',
      given: '/docs/..%2f..%2fpackage.json',
      want: { status: 404, type: /text\/html/, text: 'No such page' },
    },
  ])('$name', async ({ given, want }) => {
    const response = await app.request(given);
    expect(response.status).toBe(want.status);
    expect(response.headers.get('content-type')).toMatch(want.type);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.text()).toContain(want.text);
  });

  it.each([
    { name: 'a folder without its slash', given: '/docs/errors', want: '/docs/errors/' },
    { name: 'with a query string', given: '/docs/errors?v=1', want: '/docs/errors/?v=1' },
    { name: '/docs itself', given: '/docs', want: '/docs/' },
  ])('redirects $name', async ({ given, want }) => {
    const response = await app.request(given);
    expect([response.status, response.headers.get('location')]).toEqual([301, want]);
  });

  it('takes a doc_url (no slash before #) to the catalog page over real HTTP', async () => {
    const sandbox = await startSandbox({ port: 0, log: null, docsDir: dir });
    try {
      // fetch never sends the fragment; browsers re-attach it to the redirect's target (Fetch spec,
      // "HTTP-redirect fetch").
      const response = await fetch(`${sandbox.url}/docs/errors#MODEL_NOT_FOUND`);
      expect([response.status, response.redirected, response.url]).toEqual([200, true, `${sandbox.url}/docs/errors/`]);
      expect(await response.text()).toContain('id="MODEL_NOT_FOUND"');
    } finally {
      await sandbox.close();
    }
  });

  it('says the docs are not built when the folder is missing', async () => {
    const response = await createApp({ log: null, docsDir: undefined }).app.request('/docs/');
    expect([response.status, await response.text()]).toEqual([404, expect.stringContaining('not built')]);
  });

  it('gzips what it serves to clients that accept it (the page budget counts bytes transferred)', async () => {
    const response = await app.request('/docs/big.html', { headers: { 'Accept-Encoding': 'gzip' } });
    const body = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(body.byteLength).toBeLessThan((2000 * 22) / 10);
  });
});
