// Catalog completeness for the providers beyond the seeds: every error they document (the table is
// test/fixtures/provider-errors.json, each case with its source) leads to its canonical code
// through the crosswalk, by the keys its body carries, and every crosswalk entry of these
// providers is a case there — so the docs, built from the same entries, list every documented error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderErrorCase } from '../test/fixtures/error-cases.js';
import { catalog, type ErrorCode, isErrorCode, type ProviderId, providers } from './catalog.js';
import { matchCrosswalk } from './crosswalk.js';
import type { components } from './generated/openapi.js';
import { defaultCodeFor } from './policy.js';
import { errorTexts } from './texts.js';

type Origin = components['schemas']['ErrorOrigin'];
const cases = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/provider-errors.json'), 'utf8')) as {
    cases: ProviderErrorCase<ProviderId, Origin>[];
  }
).cases;
// The seed providers are the ones the seed fixture (crosswalk.test.ts) holds errors of.
const seeds = new Set(
  (
    JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/seed-errors.json'), 'utf8')) as {
      cases: { provider: string }[];
    }
  ).cases.map((c) => c.provider),
);
const keyOf = ({ code, type, reason, status, message }: Origin) => ({ code, type, reason, status, message });
type Entry = { name?: string; status?: number; message?: string };
const observed = (code: ErrorCode, provider: string, at: number): boolean =>
  (errorTexts[code].crosswalkSources as Record<string, readonly { evidence?: readonly string[] }[]>)[provider]?.[at]
    ?.evidence !== undefined;

describe('provider errors (test/fixtures/provider-errors.json)', () => {
  it('covers at least eight providers beyond the seeds, each from its public docs', () => {
    const covered = new Set(cases.map((c) => c.provider));
    // Every provider of spec/providers.yaml that is not a seed; issue 16 asked for eight at least.
    expect(covered).toEqual(new Set(Object.keys(providers).filter((id) => !seeds.has(id))));
    expect(covered.size).toBeGreaterThanOrEqual(8);
    for (const id of covered) {
      expect(seeds.has(id)).toBe(false);
      expect((providers as Record<string, { docs?: string }>)[id]?.docs).toMatch(/^https:\/\//);
    }
    for (const c of cases) expect(c.source).toMatch(/^https:\/\//);
  });

  it('marks every body that is not the provider’s own print', () => {
    for (const c of cases) if (c.body_kind !== 'verbatim' || c.stream) expect.soft(c.assumed, `#${c.id}`).toBeTruthy();
  });

  it.each(cases)('#$id $provider “$name” → $want.code', ({ provider, want }) => {
    expect(isErrorCode(want.code)).toBe(true);
    const [best, ...rest] = matchCrosswalk(provider, keyOf(want.origin));
    expect(best?.code ?? defaultCodeFor(want.origin.status)).toBe(want.code);
    expect(best?.entry.name).toBe(want.origin.name);
    // Weaker matches may exist (a bare status), but no other code as specific as the winner.
    for (const other of rest) if (other.code !== best!.code) expect(other.specificity).toBeLessThan(best!.specificity);
  });

  it('has a case for every crosswalk entry of these providers (what the docs list)', () => {
    const named = new Set(
      cases.flatMap((c) => [
        `${c.provider}|${c.name}`,
        c.indistinguishable_from ? '' : `${c.provider}|${c.want.origin.name}`,
      ]),
    );
    for (const provider of new Set(cases.map((c) => c.provider))) {
      for (const [code, entry] of Object.entries(catalog)) {
        (entry.crosswalk as Record<string, readonly Entry[]>)[provider]?.forEach((raw, at) => {
          // An entry that follows observed traffic is pinned by the corpus case its evidence names
          // (packages/client/test/corpus.test.ts), not by this table of the docs.
          if (!observed(code as ErrorCode, provider, at))
            expect(named, `${code} ${provider} ${raw.name}`).toContain(`${provider}|${raw.name}`);
        });
      }
    }
  });

  it('keeps what a client does apart where one status means different things', () => {
    const policy = (provider: ProviderId, key: Parameters<typeof matchCrosswalk>[1]) =>
      catalog[matchCrosswalk(provider, key)[0]!.code].retry;
    // OpenAI 429: a rate limit is waited out, a quota is not.
    expect(policy('openai', { code: 'rate_limit_exceeded', status: 429 })).toBe('after_retry_after');
    expect(policy('openai', { code: 'insufficient_quota', type: 'insufficient_quota', status: 429 })).toBe('never');
    expect(
      policy('openai', { code: 'organization_spend_limit_exceeded', type: 'insufficient_quota', status: 429 }),
    ).toBe('never');
    // Anthropic: 529 overload backs off, 429 rate limit waits, the tier spend cap's 429 never retries.
    expect(matchCrosswalk('anthropic', { type: 'overloaded_error', status: 529 })[0]?.code).toBe('OVERLOADED');
    expect(policy('anthropic', { type: 'rate_limit_error', status: 429 })).toBe('after_retry_after');
    expect(policy('anthropic', { type: 'rate_limit_error', code: 'enforced_spend_limit_reached', status: 429 })).toBe(
      'never',
    );
    // Gemini: RESOURCE_EXHAUSTED is a rate limit at 429 and an empty balance at 402.
    expect(matchCrosswalk('gemini', { code: 'RESOURCE_EXHAUSTED', status: 429 })[0]?.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(matchCrosswalk('gemini', { code: 'RESOURCE_EXHAUSTED', status: 402 })[0]?.code).toBe('INSUFFICIENT_BALANCE');
    expect(
      matchCrosswalk('gemini', { code: 'INVALID_ARGUMENT', reason: 'API_KEY_INVALID', status: 400 })[0]?.code,
    ).toBe('INVALID_API_KEY');
  });

  it('records where each entry comes from: a document its provider declares, or its docs page', () => {
    for (const [code, entry] of Object.entries(catalog)) {
      for (const [provider, entries] of Object.entries(
        entry.crosswalk as Record<string, readonly { source?: string }[]>,
      )) {
        if (seeds.has(provider)) continue;
        const documents =
          (providers as Record<string, { documents?: Record<string, unknown> }>)[provider]?.documents ?? {};
        for (const { source } of entries)
          if (source !== undefined) expect(Object.keys(documents), `${code} ${provider}`).toContain(source);
      }
    }
  });
});
