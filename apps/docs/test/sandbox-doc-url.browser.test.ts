// A developer clicks the doc_url of an error the running sandbox answered with: it must open that
// code's section in the docs the sandbox serves itself (http://127.0.0.1:<port>/docs/errors/#CODE),
// offline, with nothing loaded from elsewhere. The doc_url is whatever the sandbox answers; this
// test does not build it. It passes once the sandbox passes its own docs URL to @errata/server
// (`docsUrl: `${url}/docs/errors/``); with the catalog's default docs_url it fails on the origin.
import { startSandbox } from '@errata/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, resultsDir, type Site, siteDir, watchedPage } from './support/site.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let site: Site;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', docsDir: siteDir, log: null });
  site = await openSite();
});
afterAll(async () => {
  await sandbox?.close();
  await site?.close();
});

describe('a doc_url from the sandbox', () => {
  it('opens its code’s section in the docs the sandbox serves', async () => {
    // No API key: the sandbox answers with an error envelope over real HTTP.
    const response = await fetch(`${sandbox.url}/v1/models`);
    const body = (await response.json()) as { code: string; doc_url: string };
    expect(response.status).toBeGreaterThanOrEqual(400);

    const docUrl = new URL(body.doc_url);
    expect(docUrl.origin).toBe(sandbox.url);
    expect(docUrl.hash).toBe(`#${body.code}`);

    // Watched against the sandbox's origin: everything the page loads must come from it.
    const { page, problems } = await watchedPage({ ...site, origin: sandbox.url });
    await page.goto(docUrl.href, { waitUntil: 'load' });
    const section = page.locator(`section.code[id="${body.code}"]`);
    expect(await section.count()).toBe(1);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(body.code);
    expect(await section.isVisible()).toBe(true);
    await page.screenshot({ path: `${resultsDir}sandbox-doc-url.png` });
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
  });
});
