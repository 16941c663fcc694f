import { errorTexts } from '@errata/types/texts';
import { describe, expect, it } from 'vitest';
import providerErrors from '../../../../../packages/types/test/fixtures/provider-errors.json' with { type: 'json' };
import { explain } from './explain.js';

// Without the provider named, the box reads a body as each provider's in turn and keeps the most
// specific match. Printed per provider (how many documented bodies it names the right provider and
// code for), and asserted for the bodies whose identifier only one provider's crosswalk has.
const templates = Object.fromEntries(Object.entries(errorTexts).map(([code, texts]) => [code, texts.message]));
const cases = providerErrors.cases.filter((c) => !('stream' in c));

describe('the paste box without a provider named', () => {
  it('recognises each inference provider from some of its own bodies', () => {
    const found: Record<string, { right: number; of: number }> = {};
    for (const c of cases) {
      const result = explain({ text: c.body, status: c.status }, templates);
      const right =
        result !== undefined &&
        !('refusal' in result) &&
        result.reading.provider === c.provider &&
        result.code === (c.want as { code: string }).code;
      const tally = found[c.provider] ?? { right: 0, of: 0 };
      found[c.provider] = tally;
      tally.of += 1;
      if (right) tally.right += 1;
    }
    console.info(`auto-detected provider and code: ${JSON.stringify(found)}`);
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(11);
    // OpenAI-compatible bodies (Groq, Together, Fireworks, OpenRouter) read as OpenAI's: only the
    // providers with bodies of their own shape can be told apart without being named.
    expect(Object.values(found).filter((t) => t.right > 0).length).toBeGreaterThanOrEqual(4);
  });
});
