// Catalog completeness: every error the seed providers document leads to exactly one canonical
// code, through the catalog itself or the crosswalk. The table is test/fixtures/seed-errors.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorCode, type ProviderId } from './catalog.js';
import { findCanonicalCode, matchCrosswalk, type ProviderErrorKey } from './crosswalk.js';

type SeedCase = { name: string; given: ProviderErrorKey; want: string };
const seeds = JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/seed-errors.json'), 'utf8')) as Record<ProviderId, SeedCase[]> & { $comment?: string };
const cases = (Object.keys(seeds) as (ProviderId | '$comment')[])
  .filter((provider): provider is ProviderId => provider !== '$comment')
  .flatMap((provider) => seeds[provider].map((c) => ({ provider, ...c })));

describe('seed errors', () => {
  it('covers all four seed providers', () => {
    expect(new Set(cases.map((c) => c.provider))).toEqual(new Set(['workers-ai', 'modelrunner', 'generic', 'modelslab']));
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases)('$provider: $name → $want', ({ provider, given, want }) => {
    expect(isErrorCode(want)).toBe(true);
    expect(findCanonicalCode(provider, given)).toBe(want);
  });

  it.each(cases)('$provider: $name is not ambiguous', ({ provider, given }) => {
    const [best, ...rest] = matchCrosswalk(provider, given);
    // Weaker matches may exist (a bare status), but no other code as specific as the winner.
    for (const other of rest) if (other.code !== best!.code) expect(other.specificity).toBeLessThan(best!.specificity);
  });

  it('names every generic-API code as a canonical code of its own', () => {
    for (const { given } of seeds.generic) expect(isErrorCode(given.code)).toBe(true);
  });
});
