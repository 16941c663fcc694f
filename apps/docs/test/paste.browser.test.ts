// The paste box and the search, as a person with an error in hand uses them, in real Chromium:
// paste a documented body from each seed provider and see its code's answer; open the answer's
// link; start from the landing page; search by a provider's own message text. No request leaves
// the page's origin while doing it.
import { catalog, type ErrorCode, matchCrosswalk, type ProviderId, providers } from '@errata/types';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedErrorCases } from '../../../packages/client/test/fixtures/seed-errors.js';
import providerErrors from '../../../packages/types/test/fixtures/provider-errors.json' with { type: 'json' };
import { openSite, type PageProblems, resultsDir, type Site, watchedPage } from './support/site.js';

let site: Site;
let page: Page;
let problems: PageProblems;
beforeAll(async () => {
  site = await openSite();
  ({ page, problems } = await watchedPage(site));
});
afterAll(async () => {
  await site?.close();
});

// The first documented error body of each seed provider that its crosswalk records (not one the
// catalog knows by its status alone, like the Generic API's schematic `ERROR_CODE`).
const firstOfEach = Object.keys(providers).flatMap((id) => {
  const found = seedErrorCases.find(
    (c) => c.provider === id && 'origin' in c.want && matchCrosswalk(id as ProviderId, c.want.origin).length > 0,
  );
  return found && 'code' in found.want
    ? [{ name: `${id}: ${found.seed}`, given: found, want: found.want.code as ErrorCode }]
    : [];
});

// And the first documented body of each inference provider (provider-errors.json) that is not a
// stream event and that its crosswalk tells apart (not `indistinguishable_from` another).
const seedIds = new Set(firstOfEach.map((c) => c.given.provider));
const firstOfEachInference = Object.keys(providers)
  .filter((id) => !seedIds.has(id as ProviderId))
  .flatMap((id) => {
    const found = providerErrors.cases.find(
      (c) => c.provider === id && !('stream' in c) && !('indistinguishable_from' in c),
    );
    return found
      ? [
          {
            name: `${id}: ${found.name}`,
            given: { ...found, provider: id as ProviderId },
            want: (found.want as { code: string }).code as ErrorCode,
          },
        ]
      : [];
  });
const everyCase = [...firstOfEach, ...firstOfEachInference];

async function paste(p: Page, body: string, status?: number, provider?: string) {
  await p.fill('#paste', body);
  await p.fill('#paste-status', status === undefined ? '' : String(status));
  await p.selectOption('#paste-provider', provider ?? '');
  await p.click('#paste-form button[type="submit"]');
  await p.waitForSelector('#paste-answer:not([hidden]) > *');
}

describe('the paste box on the catalog page', () => {
  it('covers every provider: the seeds with their seed fixture, the others with provider-errors.json', () => {
    expect(firstOfEach.length).toBeGreaterThanOrEqual(5);
    expect(everyCase.map((c) => c.given.provider).sort()).toEqual(Object.keys(providers).sort());
  });

  it.each(everyCase)('answers a pasted $name body with its code’s section', async ({ given, want }) => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(page, given.body, given.status, given.provider);

    const answer = page.locator('#paste-answer');
    expect(await answer.locator('h3 a').textContent()).toBe(want);
    const text = (await answer.textContent()) ?? '';
    expect(text).toContain(catalog[want].title);
    expect(text).toContain(`Recognised as ${providers[given.provider].title}`);
    // The answer carries the section's own texts: what it means and what to do.
    const section = await page.$eval(`section[id="${want}"]`, (el) => ({
      means: el.querySelector('.means')?.textContent ?? '',
      todo: el.querySelector('.todo')?.textContent ?? '',
    }));
    expect(text).toContain(section.means);
    expect(text).toContain(section.todo);

    await answer.locator('h3 a').click();
    expect(new URL(page.url()).hash).toBe(`#${want}`);
    expect(await page.locator(`section[id="${want}"]`).isVisible()).toBe(true);
  });

  it('reads a ModelsLab body with the misspelt `messege` without being told the provider', async () => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(page, '{"status":"error","messege":"prompt is required"}');

    expect(await page.textContent('#paste-answer h3 a')).toBe('MISSING_REQUIRED_FIELD');
    expect(await page.textContent('#paste-answer')).toContain(`Recognised as ${providers.modelslab.title}`);
  });

  it('says plainly when it recognises nothing', async () => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(page, 'something went wrong, sorry');

    expect(await page.textContent('#paste-answer')).toContain('Not recognised.');
  });

  it('offers a body it does not recognise as a corpus case: keys and ids out, copied with one click', async () => {
    const key = 'sk-proj-abcdEFGH1234ijklMNOP';
    const body = `{"error":{"message":"Odd failure for org-AbCdEf123456, key ${key}","type":"odd_error"}}`;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(page, body, undefined, 'groq');

    expect(await page.textContent('#paste-answer')).toContain('Not recognised.');
    const yaml = (await page.textContent('#corpus-case')) ?? '';
    expect(yaml).toContain('# corpus/cases/groq.yaml');
    expect(yaml).toContain('- id: groq-<what-it-is>');
    expect(yaml).toContain(
      'body: "{\\"error\\":{\\"message\\":\\"Odd failure for <ORG_ID>, key [redacted]\\",\\"type\\":\\"odd_error\\"}}"',
    );
    expect(await page.textContent('#paste-answer')).not.toContain(key);
    expect(await page.getAttribute('#paste-answer .case-offer a', 'href')).toBe('../contribute/');

    await page.click('#copy-case');
    await page.waitForSelector('#copy-status:has-text("Copied.")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(yaml);

    await page.click('#paste-answer .case-offer a');
    await page.waitForSelector('#format');
    expect(await page.textContent('main h1')).toBe('The corpus: errors providers really sent');
    expect(await page.locator('main h2', { hasText: 'Contributing a case' }).count()).toBe(1);
  });

  it('offers no case for a body it recognises', async () => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(page, '{"errors":[{"code":3036,"message":"You have used up your daily free allocation"}]}', 429);
    expect(await page.locator('#corpus-case').count()).toBe(0);
  });

  it('gives the answer a link that opens the same answer', async () => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await paste(
      page,
      '{"errors":[{"code":3036,"message":"You have used up your daily free allocation"}]}',
      429,
      'workers-ai',
    );
    const href = await page.$eval('#paste-answer a[href^="#paste="]', (a) => (a as HTMLAnchorElement).href);
    const first = await page.textContent('#paste-answer h3');

    const other = await site.browser.newPage();
    await other.goto(href, { waitUntil: 'load' });
    await other.waitForSelector('#paste-answer:not([hidden]) h3');
    expect(await other.textContent('#paste-answer h3')).toBe(first);
    expect(await other.inputValue('#paste-status')).toBe('429');
    await other.close();
  });

  it('sent nothing anywhere but the site itself', () => {
    expect(problems.foreignRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});

describe('the paste box on the landing page', () => {
  it('opens the catalog with the answer', async () => {
    const { page: landing, problems: seen } = await watchedPage(site);
    await landing.goto(site.url, { waitUntil: 'load' });
    await landing.fill('#paste', '3036');
    await landing.click('#paste-form button[type="submit"]');
    await landing.waitForURL(/\/errors\/#paste=/);
    await landing.waitForSelector('#paste-answer:not([hidden]) h3');

    expect(await landing.textContent('#paste-answer h3 a')).toBe('DAILY_QUOTA_EXCEEDED');
    await landing.screenshot({ path: `${resultsDir}paste-answer.png` });
    await landing.close();
    expect(seen).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
  });
});

// Messages and names as the crosswalk records them, each searched for as a person would type it.
const documented = (['workers-ai', 'modelslab', 'generic'] as const).flatMap((provider) => {
  for (const [code, entry] of Object.entries(catalog) as [ErrorCode, (typeof catalog)[ErrorCode]][]) {
    const rows = (entry.crosswalk as Record<string, readonly { name?: string; message?: string }[]>)[provider] ?? [];
    const said = rows.find((row) => row.message && !/[{$]/.test(row.message))?.message;
    if (said) return [{ name: `${provider}: “${said}”`, given: said, want: code, provider }];
  }
  return [];
});

describe('the catalog search by what a provider says', () => {
  it.each([
    ...documented,
    {
      name: 'workers-ai: “No such model”',
      given: 'No such model',
      want: 'NO_SUCH_MODEL_OR_TASK' as ErrorCode,
      provider: 'workers-ai' as const,
    },
  ])('finds $name first, and says why', async ({ given, want, provider }) => {
    await page.goto(`${site.url}errors/`, { waitUntil: 'load' });
    await page.fill('#filter', given);

    expect(await page.textContent('#filter-best li:first-child a')).toBe(want);
    const why = (await page.textContent(`section[id="${want}"] p.why`)) ?? '';
    expect(why).toContain(providers[provider].title);
    expect(await page.locator(`section[id="${want}"]`).isHidden()).toBe(false);
  });
});
