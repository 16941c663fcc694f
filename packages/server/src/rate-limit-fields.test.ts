import { describe, expect, it } from 'vitest';
import { rateLimitFields } from './rate-limit-fields.js';

describe('rateLimitFields', () => {
  it.each([
    {
      name: 'both forms, with the window',
      given: { limit: 100, remaining: 0, reset: 12, window: 60 },
      want: ['"default";r=0;t=12', '"default";q=100;w=60', '100', '0', '12'],
    },
    {
      name: 'a named policy without a window',
      given: { limit: 5, remaining: 4, reset: 1, policy: 'per-key' },
      want: ['"per-key";r=4;t=1', '"per-key";q=5', '5', '4', '1'],
    },
    {
      name: 'a name that would break the field, and numbers that are not counts',
      given: { limit: Number.POSITIVE_INFINITY, remaining: -1, reset: 1.5, policy: 'a"b\\\n' },
      want: ['"a\\"b\\\\";r=0;t=0', '"a\\"b\\\\";q=0', '0', '0', '0'],
    },
  ])('$name', ({ given, want }) => {
    const fields = rateLimitFields(given);
    expect(
      ['RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].map(
        (n) => fields[n],
      ),
    ).toEqual(want);
  });
});
