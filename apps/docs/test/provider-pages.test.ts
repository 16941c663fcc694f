// "The docs list every provider with every documented error": every provider of spec/providers.yaml
// (x-errata.providers, as @errata/types bundles it) has a page in the built site, and that page has
// a row for every crosswalk entry of every code that names the provider, linking to the code.
import { readFileSync } from 'node:fs';
import { catalog, errorCodes, providers } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { siteDir } from './support/site.js';

const specProviders = Object.keys(
  parse(readFileSync(new URL('../../../spec/providers.yaml', import.meta.url), 'utf8')) as object,
);

const documented = (provider: string) =>
  errorCodes.flatMap((code) =>
    ((catalog[code].crosswalk as Record<string, readonly unknown[]>)[provider] ?? []).map((_, i) => ({
      code,
      anchor: `${code}-${i + 1}`,
    })),
  );

describe('every provider has a page with every documented error', () => {
  it('the bundled providers are the providers of spec/providers.yaml', () => {
    expect(Object.keys(providers).sort()).toEqual([...specProviders].sort());
  });

  it.each(specProviders)('%s', (provider) => {
    const html = readFileSync(`${siteDir}providers/${provider}/index.html`, 'utf8');
    const rows = [
      ...html.matchAll(/<tr id="([A-Z0-9_]+-\d+)">[\s\S]*?<a class="code" href="[^"]*#([A-Z0-9_]+)">/g),
    ].map((m) => ({ anchor: m[1], code: m[2] }));
    const want = documented(provider);
    expect(want.length).toBeGreaterThan(0);
    expect(rows.sort((a, b) => (a.anchor ?? '').localeCompare(b.anchor ?? ''))).toEqual(
      want.sort((a, b) => a.anchor.localeCompare(b.anchor)),
    );
  });
});
