// `x-error-code` in both forms: one code for any violation, or a code per failing keyword — and
// the violating values the triggers derive from a property's constraints.
import { describe, expect, it } from 'vitest';
import { violation } from './internal/triggers.js';
import { errorCodeFor, errorCodesOf } from './spec-ajv.js';

const prompt = { type: 'string', minLength: 1, maxLength: 5, 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } };
const temperature = { type: 'number', minimum: 0, maximum: 2, 'x-error-code': 'INVALID_TEMPERATURE' };

describe('errorCodeFor', () => {
  it.each([
    { name: 'a map, its keyword', given: { schema: prompt, keyword: 'maxLength' }, want: 'PROMPT_TOO_LONG' },
    { name: 'a map, another keyword (an empty prompt)', given: { schema: prompt, keyword: 'minLength' }, want: undefined },
    { name: 'one code, any keyword', given: { schema: temperature, keyword: 'minimum' }, want: 'INVALID_TEMPERATURE' },
    { name: 'no x-error-code', given: { schema: { type: 'string' }, keyword: 'type' }, want: undefined },
    { name: 'not a catalog code', given: { schema: { 'x-error-code': { maxLength: 'NOPE' } }, keyword: 'maxLength' }, want: undefined },
  ])('$name → $want', ({ given, want }) => {
    expect(errorCodeFor(given.schema, given.keyword)).toBe(want);
  });
});

describe('errorCodesOf and violation', () => {
  it.each([
    { name: 'a map', given: prompt, want: [['maxLength', 'PROMPT_TOO_LONG', 'xxxxxx']] },
    { name: 'one code', given: temperature, want: [['*', 'INVALID_TEMPERATURE', 3]] },
  ])('$name', ({ given, want }) => {
    expect(errorCodesOf(given).map(([keyword, code]) => [keyword, code, violation(given, keyword)])).toEqual(want);
  });

  it('derives an empty string for minLength', () => {
    expect(violation(prompt, 'minLength')).toBe('');
  });
});
