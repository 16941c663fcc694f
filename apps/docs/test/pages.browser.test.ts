// Every page of the built site, in real Chromium, served under /docs/ as the sandbox serves it:
// it loads with no console errors, no failed requests and no request outside its own origin, and
// axe-core finds no serious or critical accessibility violation. Screenshots go to test-results/.
import { createRequire } from 'node:module';
import { errorCodes, providers } from '@errata/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../src/docs-model.js';
import { operationErrors } from '../src/operation-errors.js';
import { openSite, resultsDir, type Site, watchedPage } from './support/site.js';

const require = createRequire(import.meta.url);
const firstOperation = operationErrors(loadSpec())[0]?.operationId;

const pages = [
  { name: 'landing', path: '', ready: 'a[href="errors/"]' },
  { name: 'catalog', path: 'errors/', ready: '#filter' },
  // The catalog with a paste box answer open (a shared link).
  { name: 'catalog-answer', path: 'errors/#paste=3036&status=429', ready: '#paste-answer:not([hidden]) h3' },
  { name: 'endpoints', path: 'errors/endpoints/', ready: '[id^="op-"]' },
  { name: 'contribute', path: 'contribute/', ready: '#format' },
  ...Object.keys(providers).map((id) => ({ name: `provider-${id}`, path: `providers/${id}/`, ready: 'table.xw' })),
  // Redoc renders in the browser; the first operation's section means it has finished.
  { name: 'reference', path: 'reference/', ready: `[id="operation/${firstOperation}"]` },
];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(pages)('the $name page', ({ name, path, ready }) => {
  it('loads with no console errors, no failed requests and nothing from another origin', async () => {
    const { page, problems } = await watchedPage(site);
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    await page.waitForSelector(ready, { state: 'attached' });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: name === 'landing' });
    await page.close();

    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const { page } = await watchedPage(site);
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    await page.waitForSelector(ready, { state: 'attached' });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run();
      return result.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.slice(0, 3).map((node) => node.target),
      }));
    });
    await page.close();
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (violations.length > blocking.length) {
      console.info(
        `${name}: minor/moderate axe findings:`,
        violations.filter((v) => !blocking.includes(v)).map((v) => v.id),
      );
    }

    expect(blocking).toEqual([]);
  });
});

describe.each(pages)('the $name page at 390 px wide', ({ name, path, ready }) => {
  it('does not scroll sideways', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    await page.waitForSelector(ready, { state: 'attached' });
    const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // What sticks out, to say where a failure comes from.
      wide: [...document.querySelectorAll('body *')]
        .filter(
          (el) =>
            el.getBoundingClientRect().right > window.innerWidth + 1 &&
            !el.closest('.scroll, pre, [style*="overflow"]'),
        )
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`),
    }));
    await page.screenshot({ path: `${resultsDir}${name}-390.png` });
    await page.close();

    expect({ scrollWidth, wide }).toEqual({ scrollWidth: innerWidth, wide: name === 'reference' ? wide : [] });
  });
});

describe('reading', () => {
  it('keeps the underscores of code names in links visible (the underline sits below them)', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    const offsets = await page.$$eval('#codes-table a, section.code h3 a', (links) => [
      ...new Set(links.map((a) => getComputedStyle(a).textUnderlineOffset)),
    ]);
    await page.close();

    expect(offsets.every((offset) => Number.parseFloat(offset) >= 2)).toBe(true);
  });

  it.each([390, 1280])('shows the whole filter placeholder at %i px', async (width) => {
    const page = await site.browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    const fit = await page.$eval('#filter', (el) => {
      const input = el as HTMLInputElement;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) throw new Error('no canvas');
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return { text: context.measureText(input.placeholder).width, room };
    });
    await page.close();

    expect(fit.text).toBeLessThanOrEqual(fit.room);
  });
});

describe('serving', () => {
  it('follows a doc_url-style link without a trailing slash to the catalog section', async () => {
    const { page, problems } = await watchedPage(site);
    await page.goto(`${site.url}errors#${errorCodes[0]}`, { waitUntil: 'load' });

    expect(new URL(page.url()).pathname).toBe('/docs/errors/');
    expect(await page.locator(`section.code[id="${errorCodes[0]}"]`).count()).toBe(1);
    await page.close();
    expect(problems.failedRequests).toEqual([]);
  });

  it('links from the landing page to the catalog and the reference, relative to any prefix', async () => {
    const { page } = await watchedPage(site);
    await page.goto(site.url);
    const hrefs = await page.$$eval('main a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
    await page.close();

    expect(hrefs).toEqual(
      expect.arrayContaining([`${site.url}errors/`, `${site.url}reference/`, `${site.url}openapi.json`]),
    );
  });
});
