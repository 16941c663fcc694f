// The error catalog page in real Chromium: every code is there, every doc_url in the spec lands on
// its section, the filter finds codes by name, internal code, status and words from the keyboard,
// and the page's weight and render time are measured (reported, never asserted as time).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { catalog, docsUrl, type ErrorCode, errorCodes } from '@errata/types';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../src/docs-model.js';
import { parseSse } from '../src/stream-events.js';
import { openSite, resultsDir, type Site, siteDir, watchedPage } from './support/site.js';

let site: Site;
let page: Page;
beforeAll(async () => {
  site = await openSite();
  ({ page } = await watchedPage(site));
  await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
});
afterAll(async () => {
  await site?.close();
});

const visibleSections = (p: Page) => p.$$eval('section.code:not([hidden])', (els) => els.map((el) => el.id));
/** The filter reads what providers call each code from a separate asset on first use: wait for it. */
const filterReady = (p: Page) => p.waitForSelector('#filter[data-state="ready"]', { state: 'attached' });
const visibleRows = (p: Page) =>
  p.$$eval('#codes-table tbody tr:not([hidden]) a', (links) => links.map((a) => a.textContent ?? ''));

/** Every `doc_url` value anywhere in the bundled spec (the examples of every code). */
function docUrlsInSpec(): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'doc_url' && typeof value === 'string') found.push(value);
        else walk(value);
      }
    }
  };
  walk(loadSpec());
  return [...new Set(found)];
}

describe('the catalog page', () => {
  it('has a section and a table row for every code in the catalog, in catalog order', async () => {
    await page.waitForSelector('#filter');

    expect(await visibleSections(page)).toEqual(errorCodes);
    expect(await visibleRows(page)).toEqual(errorCodes);
  });

  it('resolves every doc_url anchor in the spec to a code section', async () => {
    const urls = [...docUrlsInSpec(), ...errorCodes.map((code) => catalog[code].docUrl)];
    expect(urls.length).toBeGreaterThanOrEqual(errorCodes.length);
    const anchors = urls.map((url) => {
      expect(url.startsWith(`${docsUrl}#`)).toBe(true);
      return decodeURIComponent(new URL(url).hash.slice(1));
    });
    const resolved = await page.evaluate(
      (ids) => ids.filter((id) => document.getElementById(id)?.matches('section.code')),
      anchors,
    );

    expect(resolved).toEqual(anchors);
  });

  it('shows each code section with its example response and a @errata/client snippet', async () => {
    const sections = await page.$$eval('section.code', (els) =>
      els.map((el) => ({ id: el.id, pre: [...el.querySelectorAll('pre')].map((pre) => pre.textContent ?? '') })),
    );
    for (const { id, pre } of sections) {
      const example = JSON.parse(pre[0] ?? '{}') as { code?: string; status?: number };
      expect(example).toMatchObject({ code: id, status: catalog[id as ErrorCode].status });
      expect(pre[1]).toContain(`'${id}'`);
    }
  });
});

/** The codes that can end a stream, from the catalog (the page reads them from the spec). */
const midStreamCodes = errorCodes.filter((code) => catalog[code].midStream !== null);

describe('streaming errors', () => {
  it('has a section reachable by its anchor and from the table of contents', async () => {
    await page.goto(`${site.url}errors/#streaming`, { waitUntil: 'load' });
    const heading = page.locator('h2#streaming');

    expect(await heading.textContent()).toBe('Streaming errors');
    expect(await heading.isVisible()).toBe(true);
    // The browser scrolled to it, and the sticky filter does not cover it.
    const box = await heading.boundingBox();
    const filter = await page.locator('.filter').boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual((filter?.y ?? 0) + (filter?.height ?? 0));
    expect(box?.y).toBeLessThan(300);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await page.locator('nav[aria-label="On this page"] a[href="#streaming"]').count()).toBe(1);
    await page.screenshot({ path: `${resultsDir}catalog-streaming.png` });
  });

  it('shows each event schema with its fields and an example frame', async () => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    for (const name of ['token', 'done', 'error']) {
      const heading = page.locator(`h3#stream-event-${name}`);
      expect(await heading.count()).toBe(1);
      const fields = await page.$$eval(`h3#stream-event-${name} ~ table.fields`, (tables) =>
        [...(tables[0]?.querySelectorAll('tbody td:first-child') ?? [])].map((td) => td.textContent),
      );
      expect(fields).toEqual(expect.arrayContaining(['event', 'data']));
    }
    const codes = await page.$$eval('#stream-codes ~ .scroll a[href^="#"]', (links) => links.map((a) => a.textContent));
    expect([...codes].sort()).toEqual([...midStreamCodes].sort());
  });

  it('shows, in each mid-stream code’s section, a stream ending in it, retry safety and a snippet', async () => {
    const sections = await page.$$eval('section.code', (els) =>
      els.map((el) => ({
        id: el.id,
        sse: [...el.querySelectorAll('pre.sse')].map((pre) => pre.textContent ?? ''),
        facts: el.querySelector('dl.facts')?.textContent ?? '',
        snippets: [...el.querySelectorAll('pre:not(.sse)')].map((pre) => pre.textContent ?? ''),
      })),
    );
    const withStream = sections.filter((s) => s.sse.length > 0).map((s) => s.id);
    expect(withStream).toEqual(midStreamCodes);
    for (const section of sections.filter((s) => s.sse.length > 0)) {
      const code = section.id as ErrorCode;
      const events = parseSse(`${section.sse[0]}\n\n`);
      const tokens = events.filter((e) => e.event === 'token');
      const last = events.at(-1);
      expect(tokens.length).toBeGreaterThan(0);
      expect(last?.event).toBe('error');
      expect(last?.data).toMatchObject({
        code,
        status: catalog[code].status,
        details: { tokens_delivered: tokens.length },
      });
      expect(section.facts).toContain(catalog[code].midStream?.retrySafe ? 'retry safe' : 'not retry safe');
      expect(section.snippets.some((s) => s.includes('stream(client, ') && s.includes(`err.code === '${code}'`))).toBe(
        true,
      );
    }
  });

  it('marks the mid-stream codes in the table of every code', async () => {
    const marked = await page.$$eval('#codes-table tbody tr', (rows) =>
      rows
        .filter((row) => (row.children[5]?.textContent ?? '') !== '')
        .map((row) => row.querySelector('a')?.textContent),
    );
    const header = await page.$$eval('#codes-table thead th', (ths) => ths.map((th) => th.textContent));

    expect(header[5]).toBe('Mid-stream');
    expect(marked).toEqual(midStreamCodes);
  });
});

const withStatus = (test: (status: number) => boolean) => errorCodes.filter((code) => test(catalog[code].status));
const withInternalCode = (internal: number) =>
  errorCodes.filter((code) => {
    const crosswalk = catalog[code].crosswalk as Record<string, readonly { internal_code?: number }[]>;
    return (
      catalog[code].internalCode === internal ||
      Object.values(crosswalk).some((entries) => entries.some((entry) => entry.internal_code === internal))
    );
  });
const [anyCode] = errorCodes;
if (!anyCode) throw new Error('The catalog is empty');

const filterCases = [
  // Other codes' texts may name it (NO_SUCH_MODEL_OR_TASK: "unlike MODEL_NOT_FOUND"); it comes first.
  {
    name: 'a code by name',
    given: 'MODEL_NOT_FOUND',
    want: { includes: ['MODEL_NOT_FOUND'], first: 'MODEL_NOT_FOUND' },
  },
  { name: 'a code by name in lower case', given: 'daily_quota_exceeded', want: { exactly: ['DAILY_QUOTA_EXCEEDED'] } },
  { name: "another provider's internal code", given: '3036', want: { exactly: withInternalCode(3036) } },
  {
    name: 'its own internal code',
    given: String(catalog[anyCode].internalCode),
    want: { exactly: withInternalCode(catalog[anyCode].internalCode) },
  },
  { name: 'an HTTP status', given: '429', want: { exactly: withStatus((s) => s === 429) } },
  { name: 'a status class', given: '5xx', want: { exactly: withStatus((s) => s >= 500) } },
  { name: 'words of the description', given: 'daily quota', want: { includes: ['DAILY_QUOTA_EXCEEDED'] } },
  {
    name: 'words and a status together',
    given: 'model 404',
    want: { includes: ['MODEL_NOT_FOUND'], excludes: ['MODEL_ACCESS_DENIED'] },
  },
  { name: 'the codes that can end a stream', given: 'stream', want: { exactly: midStreamCodes } },
  {
    name: 'mid-stream codes with a status',
    given: 'stream 5xx',
    want: { exactly: midStreamCodes.filter((c) => catalog[c].status >= 500) },
  },
  { name: 'nothing that matches', given: 'no-such-error-anywhere', want: { exactly: [] } },
];

describe('the filter', () => {
  it.each(filterCases)('finds $name ($given) from the keyboard', async ({ given, want }) => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter');
    await page.keyboard.type(given);
    await filterReady(page);

    const shown = await visibleSections(page);
    if ('exactly' in want) expect(shown).toEqual(want.exactly);
    if ('includes' in want) expect(shown).toEqual(expect.arrayContaining(want.includes ?? []));
    for (const code of ('excludes' in want ? want.excludes : undefined) ?? []) expect(shown).not.toContain(code);
    if ('first' in want) expect(await page.textContent('#filter-best li:first-child a')).toBe(want.first);
    expect(shown.length).toBeLessThan(errorCodes.length);
    // Rows of the main table and the announced count follow the sections.
    expect(await visibleRows(page)).toEqual(shown);
    expect(await page.textContent('#filter-count')).toBe(`${shown.length} of ${errorCodes.length} codes match`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(given);

    await page.keyboard.press('Escape');
    expect(await visibleSections(page)).toEqual(errorCodes);
    expect(await page.textContent('#filter-count')).toBe(`${errorCodes.length} codes`);
  });

  it('hides groups left empty and keeps the query in the address (?q=)', async () => {
    await page.goto(`${site.url}errors/?q=3036`, { waitUntil: 'load' });
    await filterReady(page);
    const want = withInternalCode(3036);

    expect(await visibleSections(page)).toEqual(want);
    const statusGroups = await page.$$eval('#by-status ~ [data-group]:not([hidden]) h3', (hs) => hs.map((h) => h.id));
    expect(statusGroups).toEqual(expect.arrayContaining([...new Set(want.map((c) => `status-${catalog[c].status}`))]));
    const hiddenStatus = await page.locator('[data-group]:has(h3[id^="status-"])[hidden]').count();
    expect(hiddenStatus).toBeGreaterThan(0);
    await page.screenshot({ path: `${resultsDir}catalog-filtered.png` });
  });
});

// A person looking for a provider's own code, name, message or field lands on what Errata says of it.
const providerWords = [
  {
    given: '3003',
    sections: ['MODEL_NOT_FOUND', 'INCOMPLETE_REQUEST'],
    provider: 'workers-ai',
    why: { INCOMPLETE_REQUEST: 'Cloudflare Workers AI (REST API) 3003', MODEL_NOT_FOUND: 'Errata internal code 3003' },
    says: 'Incomplete request',
  },
  {
    given: '"No such model"',
    sections: ['NO_SUCH_MODEL_OR_TASK'],
    provider: 'workers-ai',
    why: { NO_SUCH_MODEL_OR_TASK: 'Cloudflare Workers AI (REST API) 5007' },
    says: `No such model \${model} or task`,
  },
  {
    given: 'messege',
    sections: ['MISSING_REQUIRED_FIELD'],
    provider: 'modelslab',
    why: { MISSING_REQUIRED_FIELD: 'ModelsLab bodies carry messege' },
    says: 'messege',
  },
  {
    given: 'validationErrors',
    sections: ['INVALID_OUTPUT'],
    provider: 'modelrunner',
    why: { INVALID_OUTPUT: 'modelrunner bodies carry details.validationErrors' },
    says: 'details.validationErrors',
  },
  { given: 'processing', sections: ['PROCESSING_ERROR'], provider: 'modelslab', why: {}, says: 'status: "processing"' },
];

describe('the filter, with a provider’s own words', () => {
  it.each(providerWords)(
    '$given finds its codes, says why, and the provider page says what Errata makes of it',
    async ({ given, sections, provider, why, says }) => {
      await page.goto(`${site.url}errors/?q=${encodeURIComponent(given)}`, { waitUntil: 'load' });
      await filterReady(page);
      expect(await visibleSections(page)).toEqual(expect.arrayContaining(sections));
      for (const [code, reason] of Object.entries(why))
        expect(await page.textContent(`section[id="${code}"] p.why`)).toContain(reason);
      const providerPage = await site.browser.newPage();
      await providerPage.goto(`${site.url}providers/${provider}/`, { waitUntil: 'load' });
      expect(await providerPage.textContent('main')).toContain(says);
      await providerPage.close();
    },
  );

  it('says which 3003 is Errata’s and which is Cloudflare’s', async () => {
    await page.goto(`${site.url}errors/?q=3003`, { waitUntil: 'load' });
    await filterReady(page);
    expect(await page.locator('#MODEL_NOT_FOUND dl.facts').textContent()).toContain('Errata internal code3003');
    expect(await page.locator('#INCOMPLETE_REQUEST .elsewhere').textContent()).toContain(
      'Cloudflare Workers AI (REST API) 3003',
    );
    expect(await page.locator('#INCOMPLETE_REQUEST p.why').textContent()).toContain(
      'Cloudflare Workers AI (REST API) 3003',
    );
    // The section links to the provider's page, whose row (id CODE-n) has the name.
    const href = await page
      .locator('#INCOMPLETE_REQUEST .elsewhere a[href*="workers-ai/"]')
      .first()
      .getAttribute('href');
    const row = await site.browser.newPage();
    await row.goto(`${new URL(href ?? '', page.url()).href}#INCOMPLETE_REQUEST-1`, { waitUntil: 'load' });
    expect(await row.locator(':target').textContent()).toContain('Incomplete request');
    await row.close();
  });
});

interface Timing {
  transferred: number;
  requests: number;
  firstContentfulPaint: number;
  domContentLoaded: number;
  load: number;
}

/** Loads a page in a fresh tab and reads its navigation and paint timing. */
async function measure(url: string): Promise<Timing> {
  const tab = await site.browser.newPage();
  await tab.goto(url, { waitUntil: 'load' });
  const timing = await tab.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      transferred: (nav?.transferSize ?? 0) + resources.reduce((sum, r) => sum + r.transferSize, 0),
      requests: 1 + resources.length,
      firstContentfulPaint: paint?.startTime ?? Number.NaN,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
      load: nav?.loadEventEnd ?? Number.NaN,
    };
  });
  await tab.close();
  return timing;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

describe('weight and speed', () => {
  // Each code's section names only the providers' own codes (the rest is on the provider pages), so the
  // page stays within 150 KB however many provider rows the crosswalk gains; gzipped, under 30 KB.
  it('is at most 150 KB of HTML and 30 KB gzipped, and reports its render time against the landing page', async () => {
    // Five warm loads each, interleaved, so that both see the same load on this shared machine.
    await measure(site.url);
    const catalogRuns: Timing[] = [];
    const baselineRuns: Timing[] = [];
    for (let run = 0; run < 5; run += 1) {
      catalogRuns.push(await measure(`${site.url}errors/`));
      baselineRuns.push(await measure(site.url));
    }
    const html = readFileSync(`${siteDir}errors/index.html`);
    const [first] = catalogRuns;
    const load = median(catalogRuns.map((t) => t.load));
    const baseline = median(baselineRuns.map((t) => t.load));
    // Headless tabs do not always record a paint entry; a median over NaN would print NaN.
    const paints = catalogRuns.map((t) => t.firstContentfulPaint).filter(Number.isFinite);
    console.info(
      `catalog page: ${html.length} B raw, ${gzipSync(html).length} B gzip, ${first?.transferred} B transferred ` +
        `in ${first?.requests} request(s). Headless Chromium, 127.0.0.1, median of 5: first contentful paint ` +
        `${paints.length ? `${median(paints).toFixed(0)} ms` : 'not reported by this Chromium'}, DOMContentLoaded ` +
        `${median(catalogRuns.map((t) => t.domContentLoaded)).toFixed(0)} ms, load ${load.toFixed(0)} ms ` +
        `(landing page baseline ${baseline.toFixed(0)} ms, ratio ${(load / baseline).toFixed(1)}x)`,
    );

    // The page and its two scripts (the filter, the paste box), all from the site itself.
    for (const timing of catalogRuns) expect(timing.requests).toBe(3);
    expect(html.length).toBeLessThanOrEqual(150 * 1024);
    expect(gzipSync(html).length).toBeLessThanOrEqual(30 * 1024);
    const paste = readFileSync(`${siteDir}assets/paste.js`);
    console.info(`paste box script: ${paste.length} B raw, ${gzipSync(paste, { level: 9 }).length} B gzip`);
    expect(gzipSync(paste, { level: 9 }).length).toBeLessThanOrEqual(15 * 1024);
    // The answering half (the normalizer, the catalog) loads on the first answer, not with the page.
    const answering = readFileSync(`${siteDir}assets/paste-answer.js`);
    console.info(
      `paste box answer module (first answer only): ${answering.length} B raw, ` +
        `${gzipSync(answering, { level: 9 }).length} B gzip`,
    );
  });
});
