// `x-error-code` in both forms: one code for any violation, or a code per failing keyword. Which
// names are catalog codes is the caller's business (narrow with `isErrorCode` from @errata/types).
import { describe, expect, it } from 'vitest';
import { errorCodeFor, errorCodesOf } from './x-error-code.js';

const prompt = { type: 'string', minLength: 1, maxLength: 5, 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } };
const temperature = { type: 'number', minimum: 0, maximum: 2, 'x-error-code': 'INVALID_TEMPERATURE' };

describe('errorCodeFor', () => {
  it.each([
    { name: 'a map, its keyword', given: { schema: prompt, keyword: 'maxLength' }, want: 'PROMPT_TOO_LONG' },
    {
      name: 'a map, another keyword (an empty prompt)',
      given: { schema: prompt, keyword: 'minLength' },
      want: undefined,
    },
    { name: 'one code, any keyword', given: { schema: temperature, keyword: 'minimum' }, want: 'INVALID_TEMPERATURE' },
    { name: 'no x-error-code', given: { schema: { type: 'string' }, keyword: 'type' }, want: undefined },
    {
      name: 'a map entry that is not a string',
      given: { schema: { 'x-error-code': { maxLength: 3 } }, keyword: 'maxLength' },
      want: undefined,
    },
    { name: 'no schema', given: { schema: undefined, keyword: 'type' }, want: undefined },
  ])('$name → $want', ({ given, want }) => {
    expect(errorCodeFor(given.schema, given.keyword)).toBe(want);
  });
});

describe('errorCodesOf', () => {
  it.each([
    { name: 'a map', given: prompt, want: [['maxLength', 'PROMPT_TOO_LONG']] },
    { name: 'one code', given: temperature, want: [['*', 'INVALID_TEMPERATURE']] },
    {
      name: 'a map with a non-string entry',
      given: { 'x-error-code': { maxLength: 'PROMPT_TOO_LONG', minLength: null } },
      want: [['maxLength', 'PROMPT_TOO_LONG']],
    },
    { name: 'none', given: { type: 'string' }, want: [] },
  ])('$name', ({ given, want }) => {
    expect(errorCodesOf(given)).toEqual(want);
  });
});
