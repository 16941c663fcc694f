import { describe, expect, it } from 'vitest';
import { escapeLogText } from './log-text.js';

describe('escapeLogText', () => {
  it.each([
    { name: 'a forged line', given: '/v1/models\nGET /admin 200', want: '/v1/models\\nGET /admin 200' },
    { name: 'a carriage return and a tab', given: 'a\rb\tc', want: 'a\\rb\\tc' },
    { name: 'other controls', given: 'a\u0000b\u001bc\u007f\u0085', want: 'a\\x00b\\x1bc\\x7f\\x85' },
    { name: 'Unicode line separators', given: 'a\u2028b\u2029c', want: 'a\\u2028b\\u2029c' },
    {
      name: 'plain text, untouched',
      given: 'GET /v1/models 200 1.2ms req_1 é',
      want: 'GET /v1/models 200 1.2ms req_1 é',
    },
  ])('$name', ({ given, want }) => {
    expect(escapeLogText(given)).toBe(want);
  });
});
