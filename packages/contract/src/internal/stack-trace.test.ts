import { describe, expect, it } from 'vitest';
import { containsStackTrace } from './stack-trace.js';

describe('containsStackTrace', () => {
  it.each([
    { name: 'a Node stack', given: 'Error: boom\n    at run (/app/server.js:12:34)', want: true },
    { name: 'a frame without a function name', given: 'Error: x\n    at /app/server.js:1:2', want: true },
    {
      name: 'a stack inside a JSON string',
      given: '{"message":"boom\\n    at run (/app/server.js:12:34)"}',
      want: true,
    },
    { name: 'an envelope', given: '{"code":"INTERNAL_ERROR","message":"Something went wrong."}', want: false },
    { name: 'prose that says "at"', given: 'Retry at\n  noon, at the earliest', want: false },
  ])('$name → $want', ({ given, want }) => {
    expect(containsStackTrace(given)).toBe(want);
  });
});
