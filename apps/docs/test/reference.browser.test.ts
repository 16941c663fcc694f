// The API reference in real Chromium: Redoc, served from the site, renders every operation of the
// spec, the generated "Errors" tag with every code, and the @errata/client code samples.
import { errorCodes } from '@errata/types';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../src/docs-model.js';
import { operationErrors } from '../src/operation-errors.js';
import { ERRORS_TAG } from '../src/reference-spec.js';
import { streamModel } from '../src/stream-events.js';
import { openSite, resultsDir, type Site, watchedPage } from './support/site.js';

const operations = operationErrors(loadSpec());

let site: Site;
let page: Page;
beforeAll(async () => {
  site = await openSite();
  ({ page } = await watchedPage(site));
  await page.goto(`${site.url}reference/`, { waitUntil: 'load' });
  await page.waitForSelector(`[id="operation/${operations.at(-1)?.operationId}"]`, { state: 'attached' });
});
afterAll(async () => {
  await site?.close();
});

describe('the reference page', () => {
  it.each(operations.map((op) => ({ name: op.operationId, op })))('renders $name', async ({ op }) => {
    const section = page.locator(`[id="operation/${op.operationId}"]`);

    expect(await section.count()).toBe(1);
    const text = (await section.textContent()) ?? '';
    expect(text).toContain(op.path);
    expect(text).toContain(op.summary);
  });

  it('renders the Errors tag with every code, linking to the catalog', async () => {
    await page.goto(`${site.url}reference/#tag/${ERRORS_TAG}`);
    await page.waitForSelector(`[id="tag/${ERRORS_TAG}"]`);
    const links = await page.$$eval('a[href*="../errors/#"]', (as) => as.map((a) => a.getAttribute('href')));

    for (const code of errorCodes) expect(links).toContain(`../errors/#${code}`);
    await page.screenshot({ path: `${resultsDir}reference-errors.png` });
  });

  it.each(streamModel(loadSpec()).operations.map((op) => ({ name: op.operationId, op })))(
    'shows the text/event-stream response of $name and its example events',
    async ({ op }) => {
      await page.goto(`${site.url}reference/#operation/${op.operationId}`);
      const section = page.locator(`[id="operation/${op.operationId}"]`);
      await section.waitFor();
      const select = section.locator('select[aria-label="Content type"]:has(option[value="text/event-stream"])').last();
      expect(await select.count()).toBe(1);
      expect((await section.textContent()) ?? '').not.toContain('"event": "done"');

      await select.selectOption('text/event-stream');
      const text = (await section.textContent()) ?? '';
      // The samples are the spec's examples of the streamed response: a stream that ends in `done`,
      // and one whose last event is an error envelope with tokens_delivered.
      expect(text).toContain('"event": "done"');
      await page.screenshot({ path: `${resultsDir}reference-stream.png` });
    },
  );

  it('shows the table of every code whole at 1400 px, and lets wider tables scroll, not clip', async () => {
    const wide = await site.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await wide.goto(`${site.url}reference/#tag/${ERRORS_TAG}`, { waitUntil: 'load' });
    await wide.waitForSelector(`[id="tag/${ERRORS_TAG}"]`);
    const tables = await wide.$$eval('.redoc-markdown table', (ts) =>
      ts.map((t) => ({
        section: t.closest('[id]')?.id ?? '',
        fits: t.scrollWidth <= t.clientWidth,
        scrolls: getComputedStyle(t).overflowX === 'auto',
      })),
    );
    await wide.close();

    expect(tables.find((t) => t.section === `tag/${ERRORS_TAG}/Every-code`)).toMatchObject({ fits: true });
    for (const table of tables) expect(table.fits || table.scrolls).toBe(true);
  });

  it("finds a code in Redoc's search by a provider's own name for it", async () => {
    await page.goto(`${site.url}reference/`);
    await page.fill('input[placeholder="Search..."]', 'No such model');
    const results = page.locator('[data-role="search:results"] li');
    await results.first().waitFor();

    expect(await results.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('What other providers call them')]),
    );
  });

  it('shows a TypeScript sample using @errata/client for every operation', async () => {
    const samples = await page.$$eval('pre', (pres) =>
      pres.map((pre) => pre.textContent ?? '').filter((text) => text.includes("from '@errata/client'")),
    );
    const calls = operations.map((op) => `client.${op.method}('${op.path}'`);

    for (const call of calls) expect(samples.some((sample) => sample.includes(call))).toBe(true);
  });
});
