import { describe, expect, it } from 'vitest';
import { isCatalogDocUrl } from './check-response.js';

const expected = 'https://errata.dev/docs/errors#OVERLOADED';

describe('isCatalogDocUrl', () => {
  it.each([
    { name: 'the catalog URL itself', given: expected, want: true },
    {
      name: 'the copy a server serves itself, with a slash before the #',
      given: 'http://127.0.0.1:4010/docs/errors/#OVERLOADED',
      want: true,
    },
    { name: 'another code', given: 'http://127.0.0.1:4010/docs/errors/#TIMEOUT', want: false },
    { name: 'another page', given: 'http://127.0.0.1:4010/docs/#OVERLOADED', want: false },
    { name: 'no fragment', given: 'https://errata.dev/docs/errors', want: false },
    { name: 'not a URL', given: 'OVERLOADED', want: false },
    { name: 'not http', given: 'javascript:/docs/errors#OVERLOADED', want: false },
    { name: 'not a string', given: 42, want: false },
  ])('$name → $want', ({ given, want }) => {
    expect(isCatalogDocUrl(given, expected)).toBe(want);
  });
});
