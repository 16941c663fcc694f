// What an anchored pattern's first character must be, and that ruling a value out by it never
// rules out a value the pattern matches.
import { corpusCases } from '@errata/corpus';
import { providers } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { firstChars } from './first-chars.js';

describe('firstChars', () => {
  it.each([
    { name: 'a literal, both cases', given: '^AiError: ', want: 'aA' },
    { name: 'a class of ranges', given: '^[1-5][0-9][0-9]$', want: '12345' },
    { name: 'a class with a letter range, both cases', given: '^[A-C_]+$', want: 'abc_ABC' },
    { name: 'a group of alternatives', given: '^(DeploymentNotFound|OperationNotSupported)$', want: 'dDoO' },
    { name: 'a digit escape', given: '^\\d+ request', want: '0123456789' },
    { name: 'unanchored', given: 'AiError', want: undefined },
    { name: 'an alternative outside the group is not anchored', given: '^a|b', want: undefined },
    { name: 'an optional first atom', given: '^a?b', want: undefined },
    { name: 'an optional group', given: '^(a|b)?c', want: undefined },
    { name: 'a first atom of none or more', given: '^[0-9]*x', want: undefined },
    { name: 'any character', given: '^.x', want: undefined },
    { name: 'a negated class', given: '^[^a]', want: undefined },
    { name: 'a non-capturing group', given: '^(?:a|b)', want: undefined },
    { name: 'an escape other than \\d', given: '^\\w', want: undefined },
    { name: 'a letter outside ASCII', given: '^é', want: undefined },
  ])('$name', ({ given, want }) => {
    expect(firstChars(given)).toBe(want);
  });

  // Every detect pattern of spec/providers.yaml against every text the corpus bodies hold.
  const patterns = Object.values(providers).flatMap((provider) =>
    ((provider as { detect?: { body?: readonly Record<string, unknown>[] } }).detect?.body ?? []).flatMap((rule) =>
      Object.values(rule).flatMap((condition) =>
        typeof condition === 'object' && condition && 'pattern' in condition ? [String(condition.pattern)] : [],
      ),
    ),
  );
  const texts = corpusCases.flatMap((c) => {
    const found: string[] = [];
    JSON.stringify(c.given, (_key, value: unknown) => {
      if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
      return value;
    });
    return found;
  });
  it('finds the patterns and texts to check', () => {
    expect(patterns.length).toBeGreaterThan(0);
    expect(texts.length).toBeGreaterThan(0);
  });
  it.each(patterns.map((source) => ({ name: source, given: source })))(
    'rules out no text that $name matches',
    ({ given }) => {
      const first = firstChars(given);
      const pattern = new RegExp(given, 'i');
      const wrong = texts.filter(
        (text) => first !== undefined && !first.includes(text.charAt(0)) && pattern.test(text),
      );
      expect(wrong).toEqual([]);
    },
  );
});
