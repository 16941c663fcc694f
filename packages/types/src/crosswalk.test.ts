// Catalog completeness: every error the seed providers document leads to exactly one canonical
// code through the crosswalk (or, where the provider says nothing but a status, through the status
// default), and the entry that matches is the provider's own row. The table is
// test/fixtures/seed-errors.json, the one fixture of seed errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeedErrorCase } from '../test/fixtures/error-cases.js';
import { catalog, type ErrorCode, isErrorCode, type ProviderId, providers } from './catalog.js';
import { findCanonicalCode, matchCrosswalk } from './crosswalk.js';
import type { components } from './generated/openapi.js';
import { defaultCodeFor } from './policy.js';
import { errorTexts } from './texts.js';

// Where a normalized error came from, as the envelope's `origin` (spec/components/schemas/ErrorOrigin.yaml).
type SeedOrigin = components['schemas']['ErrorOrigin'];
const seedErrorCases = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/seed-errors.json'), 'utf8')) as {
    cases: SeedErrorCase<ProviderId, SeedOrigin>[];
  }
).cases;

const errors = seedErrorCases.flatMap((c) => ('code' in c.want ? [{ ...c, want: c.want }] : []));
const keyOf = (origin: SeedOrigin) => ({
  code: origin.code,
  internal_code: origin.internal_code,
  status: origin.status,
  message: origin.message,
});

describe('seed errors', () => {
  it('covers every seed provider and every documented error', () => {
    // The providers beyond the seeds have their own fixture (provider-errors.test.ts).
    const others = (
      JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/provider-errors.json'), 'utf8')) as {
        cases: { provider: string }[];
      }
    ).cases.map((c) => c.provider);
    expect(new Set([...seedErrorCases.map((c) => c.provider), ...others])).toEqual(new Set(Object.keys(providers)));
    // Every crosswalk entry of a seed provider is a case: what the seeds document, the spec maps.
    const cased = new Set(errors.map((c) => `${c.provider}|${c.want.origin.name}`));
    for (const provider of new Set(seedErrorCases.map((c) => c.provider)))
      for (const [code, entry] of Object.entries(catalog))
        (entry.crosswalk as Record<string, readonly { name?: string }[]>)[provider]?.forEach(({ name }, at) => {
          // Entries that follow observed traffic are pinned by the corpus (packages/client/test/corpus.test.ts).
          const sources = errorTexts[code as ErrorCode].crosswalkSources as Record<string, { evidence?: unknown }[]>;
          if (sources[provider]?.[at]?.evidence === undefined)
            expect(cased, `${code} ${provider} ${name}`).toContain(`${provider}|${name}`);
        });
  });

  it.each(errors)('#$id $seed → $want.code', ({ provider, want }) => {
    expect(isErrorCode(want.code)).toBe(true);
    const found = findCanonicalCode(provider, keyOf(want.origin));
    expect(found ?? (isErrorCode(want.origin.code) ? want.origin.code : defaultCodeFor(want.origin.status))).toBe(
      want.code,
    );
    // The entry that matched is the row the provider documents under its own name.
    expect(matchCrosswalk(provider, keyOf(want.origin))[0]?.entry.name).toBe(want.origin.name);
  });

  it.each(errors)('#$id is not ambiguous', ({ provider, want }) => {
    const [best, ...rest] = matchCrosswalk(provider, keyOf(want.origin));
    // Weaker matches may exist (a bare status), but no other code as specific as the winner.
    for (const other of rest) if (other.code !== best!.code) expect(other.specificity).toBeLessThan(best!.specificity);
  });

  it('names every generic-API code as a canonical code of its own', () => {
    for (const { provider, want } of errors)
      if (provider === 'generic' && want.origin.code !== 'ERROR_CODE') expect(want.code).toBe(want.origin.code);
  });

  it('records a status only where the provider states one', () => {
    // The generic API's field errors, the Worker binding's and ModelsLab's validation rows come with no status.
    for (const code of [
      'PROMPT_TOO_LONG',
      'INVALID_TEMPERATURE',
      'INVALID_MAX_TOKENS',
      'INVALID_IMAGE_SIZE',
      'INVALID_IMAGE_QUALITY',
      'PROMPT_VIOLATION',
    ] as const) {
      expect(catalog[code].crosswalk.generic?.[0]).not.toHaveProperty('status');
    }
    for (const entries of Object.values(catalog).map(
      (entry) => (entry.crosswalk as Record<string, readonly object[]>)['workers-ai-binding'] ?? [],
    )) {
      for (const entry of entries) expect(entry).not.toHaveProperty('status');
    }
  });
});
