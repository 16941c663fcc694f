// What a bare status means per provider is computed twice by design: by @errata/spec-model from the
// spec (for the release gate, before and after a change) and by the crosswalk lookup at run time
// (what a provider's normalizer does with a body that says nothing). They must agree on every
// status of every provider, or the gate would watch a table no client uses.
import { createRequire } from 'node:module';
import { createSpecModel, type OpenApiDocument, providerStatusDefaults } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { catalog, type ProviderId, providers } from './catalog.js';
import { findCrosswalkMatch } from './crosswalk.js';

const spec = createRequire(import.meta.url)('../spec/openapi.json') as OpenApiDocument;
const byProvider = providerStatusDefaults([...createSpecModel(spec).errors.values()]);
const statuses = [...new Set(Object.values(catalog).map((e) => e.status))];

describe('providerStatusDefaults', () => {
  it.each(Object.keys(providers) as ProviderId[])(
    '%s: the code the crosswalk lookup gives a bare status',
    (provider) => {
      const table = byProvider[provider] ?? {};
      for (const status of new Set([...statuses, ...Object.keys(table).map(Number)]))
        expect(findCrosswalkMatch(provider, { status })?.code, `${provider} ${status}`).toBe(table[status]);
    },
  );
});
