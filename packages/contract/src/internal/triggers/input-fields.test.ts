// The violating values the triggers derive from a property's constraints, for each keyword its
// `x-error-code` names (one code for any violation, or a code per failing keyword).
import { errorCodesOf } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { violation } from './input-fields.js';

const prompt = { type: 'string', minLength: 1, maxLength: 5, 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } };
const temperature = { type: 'number', minimum: 0, maximum: 2, 'x-error-code': 'INVALID_TEMPERATURE' };

describe('violation', () => {
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
