// The waits providers state outside Retry-After, read from what they send: messages and the
// rate-limit header families. Only a stated wait is ever read; nothing is made up.
import { describe, expect, it } from 'vitest';
import { durationSeconds, headerResetWait, messageWait } from './stated-wait.js';

describe('messageWait', () => {
  it.each([
    { name: 'OpenAI, seconds with decimals', given: 'Please try again in 26.604s. Visit …', want: 26.604 },
    { name: 'OpenAI, minutes and seconds', given: 'Please try again in 7m12s. Visit …', want: 432 },
    { name: 'Azure, words', given: 'Rate limit is exceeded. Try again in 2 seconds.', want: 2 },
    { name: 'Azure, retry after', given: 'Please retry after 86400 seconds. Please contact …', want: 86400 },
    {
      name: 'Gemini, retry in',
      given: 'limit: 5, model: gemini-3-flash\nPlease retry in 58.217843437s.',
      want: 58.217843437,
    },
    { name: 'milliseconds', given: 'Please try again in 20ms.', want: 0.02 },
    { name: 'a wait it does not state', given: 'Please try again later.', want: undefined },
    { name: 'a number that is not a wait', given: 'Limit 6000, Requested 12328, please try again.', want: undefined },
    { name: 'no message', given: undefined, want: undefined },
  ])('$name', ({ given, want }) => {
    expect(messageWait(given)).toBe(want);
  });
});

describe('durationSeconds', () => {
  it.each([
    { given: '6m0s', want: 360 },
    { given: '1h', want: 3600 },
    { given: '2.5s', want: 2.5 },
    { given: 'soon', want: undefined },
    { given: '5', want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(durationSeconds(given)).toBe(want);
  });
});

describe('headerResetWait', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    {
      name: 'OpenAI: the used-up family’s reset',
      given: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' },
      want: 360,
    },
    {
      name: 'OpenAI: a family with room left says nothing',
      given: { 'x-ratelimit-remaining-tokens': '120', 'x-ratelimit-reset-tokens': '1s' },
      want: undefined,
    },
    {
      name: 'OpenAI: the longest of the used-up families',
      given: {
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '2s',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '9m38s',
      },
      want: 578,
    },
    {
      name: 'Anthropic: an RFC 3339 reset time',
      given: {
        'anthropic-ratelimit-input-tokens-remaining': '0',
        'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:30Z',
      },
      want: 30,
    },
    { name: 'no headers', given: undefined, want: undefined },
  ])('$name', ({ given, want }) => {
    expect(headerResetWait(given, now)).toBe(want);
  });
});
