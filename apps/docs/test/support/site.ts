// Serves the built site (apps/docs/dist/site) under /docs/, as the sandbox does, and drives Debian's
// Chromium through playwright-core, recording everything a page does wrong.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startStaticServer } from '../../src/static-server.js';

export const siteDir = fileURLToPath(new URL('../../dist/site/', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Site {
  /** The site's root URL, ending in /docs/. */
  url: string;
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the static server and Chromium. Fails clearly when the site or the browser is missing. */
export async function openSite(): Promise<Site> {
  if (!existsSync(`${siteDir}errors/index.html`)) {
    throw new Error('apps/docs/dist/site is missing: run `pnpm build` first');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const server = await startStaticServer({ root: siteDir, prefix: '/docs/' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    url: server.url,
    origin: server.origin,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** What went wrong while a page loaded. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  /** Requests to any other origin (data: URLs never leave the page and are allowed). */
  foreignRequests: string[];
}

/** Opens a page that records console errors, failed requests and requests to other origins. */
export async function watchedPage(site: Site): Promise<{ page: Page; problems: PageProblems }> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], foreignRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(String(error)));
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()}: ${response.status()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return;
    if (new URL(url).origin !== site.origin) problems.foreignRequests.push(url);
  });
  return { page, problems };
}
