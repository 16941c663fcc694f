import { catalog, type ErrorCode } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { backoff, type FailureKind, retryDefaults, retryDelay, serverWait } from './retry-policy.js';

const now = Date.parse('2025-01-01T00:00:00Z');
const noJitter = () => 0;

describe('serverWait', () => {
  const table: {
    name: string;
    given: { headers?: Record<string, string>; body?: unknown };
    want: number | undefined;
  }[] = [
    { name: 'nothing asked', given: {}, want: undefined },
    { name: 'Retry-After seconds', given: { headers: { 'retry-after': '3' } }, want: 3000 },
    { name: 'Retry-After zero', given: { headers: { 'retry-after': '0' } }, want: 0 },
    {
      name: 'Retry-After HTTP-date',
      given: { headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' } },
      want: 5000,
    },
    {
      name: 'Retry-After date in the past',
      given: { headers: { 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' } },
      want: 0,
    },
    { name: 'Retry-After garbage', given: { headers: { 'retry-after': 'soon' } }, want: undefined },
    {
      name: 'Retry-After negative (Date.parse reads it as a year)',
      given: { headers: { 'retry-after': '-5' } },
      want: undefined,
    },
    {
      name: 'Retry-After words and a number (Date.parse reads it as a date)',
      given: { headers: { 'retry-after': 'soon 3' } },
      want: undefined,
    },
    { name: 'Retry-After huge', given: { headers: { 'retry-after': '999999' } }, want: 999_999_000 },
    {
      name: 'Retry-After RFC 850 date',
      given: { headers: { 'retry-after': 'Wednesday, 01-Jan-25 00:00:07 GMT' } },
      want: 7000,
    },
    {
      name: 'retry-after-ms junk falls through to Retry-After',
      given: { headers: { 'retry-after-ms': '-1', 'retry-after': '2' } },
      want: 2000,
    },
    { name: 'retry-after-ms wins', given: { headers: { 'retry-after-ms': '250', 'retry-after': '3' } }, want: 250 },
    { name: 'body retry_after (seconds)', given: { body: 30 }, want: 30_000 },
    { name: 'header before body', given: { headers: { 'retry-after': '2' }, body: 30 }, want: 2000 },
    { name: 'negative body ignored', given: { body: -1 }, want: undefined },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(serverWait(new Headers(given.headers), given.body, now)).toBe(want);
  });
});

describe('backoff', () => {
  it.each([
    { retry: 0, want: 500 },
    { retry: 1, want: 1000 },
    { retry: 2, want: 2000 },
    { retry: 4, want: 8000 },
    { retry: 10, want: 8000 },
  ])('retry $retry without jitter: $want ms', ({ retry, want }) => {
    expect(backoff(retry, retryDefaults, noJitter)).toBe(want);
  });

  it('jitter takes off at most 25 %', () => {
    expect(backoff(1, retryDefaults, () => 0.999_999)).toBeGreaterThan(750);
    expect(backoff(1, retryDefaults, () => 0.999_999)).toBeLessThanOrEqual(1000);
  });
});

describe('retryDelay', () => {
  const settings = { ...retryDefaults, maxRetries: 3 };
  const table: {
    name: string;
    given: { retry?: number; kind: FailureKind; headers?: Record<string, string>; body?: number };
    want: number | undefined;
  }[] = [
    { name: 'never: no retry', given: { kind: 'never' }, want: undefined },
    { name: 'backoff: first step', given: { kind: 'backoff' }, want: 500 },
    { name: 'backoff: third step', given: { retry: 2, kind: 'backoff' }, want: 2000 },
    {
      name: 'backoff honours Retry-After when sent',
      given: { kind: 'backoff', headers: { 'retry-after': '2' } },
      want: 2000,
    },
    {
      name: 'after_retry_after: the server’s wait',
      given: { kind: 'after_retry_after', headers: { 'retry-after': '4' } },
      want: 4000,
    },
    { name: 'after_retry_after: body retry_after', given: { kind: 'after_retry_after', body: 3 }, want: 3000 },
    { name: 'after_retry_after without a hint: backoff', given: { kind: 'after_retry_after' }, want: 500 },
    {
      name: 'a wait over maxRetryAfter gives up',
      given: { kind: 'after_retry_after', headers: { 'retry-after': '3600' } },
      want: undefined,
    },
    { name: 'transport: backoff', given: { kind: 'transport' }, want: 500 },
    { name: 'retries exhausted', given: { retry: 3, kind: 'backoff' }, want: undefined },
    {
      name: 'x-should-retry: false vetoes',
      given: { kind: 'backoff', headers: { 'x-should-retry': 'false' } },
      want: undefined,
    },
    {
      name: 'x-should-retry: true never overrides never',
      given: { kind: 'never', headers: { 'x-should-retry': 'true' } },
      want: undefined,
    },
    {
      name: 'x-should-retry: true on a retryable code: the usual backoff',
      given: { kind: 'backoff', headers: { 'x-should-retry': 'true' } },
      want: 500,
    },
    {
      name: 'x-should-retry: true still bounded by maxRetries',
      given: { retry: 3, kind: 'backoff', headers: { 'x-should-retry': 'true' } },
      want: undefined,
    },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(
      retryDelay(
        { retry: given.retry ?? 0, kind: given.kind, headers: new Headers(given.headers), bodyRetryAfter: given.body },
        settings,
        now,
        noJitter,
      ),
    ).toBe(want);
  });

  // The catalog, not a status list, decides; these statuses are never retried because every code
  // they carry says `never`.
  it.each([400, 401, 402, 403, 404, 405, 409, 413, 422])('no code with status %i is retried', (status) => {
    const codes = (Object.keys(catalog) as ErrorCode[]).filter((c) => catalog[c].status === status);
    expect(codes.length).toBeGreaterThan(0);
    // Not even when the server says x-should-retry: true.
    for (const code of codes)
      expect(
        retryDelay(
          { retry: 0, kind: catalog[code].retry, headers: new Headers({ 'x-should-retry': 'true' }) },
          settings,
        ),
      ).toBeUndefined();
  });

  it.each([408, 429, 500, 502, 503, 504])('some code with status %i is retried', (status) => {
    const codes = (Object.keys(catalog) as ErrorCode[]).filter((c) => catalog[c].status === status);
    expect(codes.some((code) => retryDelay({ retry: 0, kind: catalog[code].retry }, settings) !== undefined)).toBe(
      true,
    );
  });
});
