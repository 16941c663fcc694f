// The docs folder served under /docs/, with content types and no way out of the folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const dir = mkdtempSync(join(tmpdir(), 'errata-docs-'));
mkdirSync(join(dir, 'errors'));
writeFileSync(join(dir, 'index.html'), '<h1>landing</h1>');
writeFileSync(join(dir, 'errors', 'index.html'), '<h1 id="MODEL_NOT_FOUND">errors</h1>');
writeFileSync(join(dir, 'style.css'), 'h1{}');

describe('docs', () => {
  const { app } = createApp({ log: null, docsDir: dir });
  it.each([
    { name: 'the landing page', given: '/docs/', want: { status: 200, type: /text\/html/, text: 'landing' } },
    { name: 'a folder without a slash', given: '/docs/errors', want: { status: 200, type: /text\/html/, text: 'MODEL_NOT_FOUND' } },
    { name: 'a stylesheet', given: '/docs/style.css', want: { status: 200, type: /text\/css/, text: 'h1{}' } },
    { name: 'a missing page', given: '/docs/nope', want: { status: 404, type: /text\/html/, text: 'No such page' } },
    { name: 'a path out of the folder', given: '/docs/..%2f..%2fpackage.json', want: { status: 404, type: /text\/html/, text: 'No such page' } },
  ])('$name', async ({ given, want }) => {
    const response = await app.request(given);
    expect(response.status).toBe(want.status);
    expect(response.headers.get('content-type')).toMatch(want.type);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.text()).toContain(want.text);
  });

  it('says the docs are not built when the folder is missing', async () => {
    const response = await createApp({ log: null, docsDir: undefined }).app.request('/docs/');
    expect([response.status, await response.text()]).toEqual([404, expect.stringContaining('not built')]);
  });
});
