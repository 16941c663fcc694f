// Errata's crosswalk is bundled only into specs that want it: Chat API declares no
// x-errata.providers, so `redocly bundle` (errata/recommended's errata/crosswalk-opt-in decorator)
// leaves the crosswalk out of every code it takes from @errata/spec; Errata's own spec declares
// them and keeps it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Bundle = { components: { schemas: Record<string, { 'x-error'?: { crosswalk?: unknown } }> } };
const app = join(import.meta.dirname, '..');
const codes = (bundle: Bundle) =>
  Object.entries(bundle.components.schemas).filter(([, schema]) => schema['x-error'] !== undefined);

describe('the crosswalk, opt-in', () => {
  it.each([
    {
      name: 'Chat API (no x-errata.providers): none',
      given: JSON.parse(readFileSync(join(app, 'src/generated/openapi.json'), 'utf8')) as Bundle,
      want: false,
    },
    {
      name: 'Errata’s own spec (providers declared): kept',
      given: createRequire(import.meta.url)('@errata/spec/openapi.json') as Bundle,
      want: true,
    },
  ])('$name', ({ given, want }) => {
    const errata = codes(given).filter(([code]) => !code.startsWith('CHAT_'));
    expect(errata.length).toBeGreaterThan(10);
    const withCrosswalk = errata.filter(([, schema]) => schema['x-error']?.crosswalk !== undefined).map(([c]) => c);
    if (want) expect(withCrosswalk.length).toBeGreaterThan(errata.length / 2);
    else expect(withCrosswalk).toEqual([]);
  });
});
