import { describe, expect, it } from 'vitest';
import { type FaultPlan, faultPlanFrom, retryAfterHeaders } from './fault-plan.js';

describe('faultPlanFrom', () => {
  it.each<{ name: string; given: Record<string, string>; want: FaultPlan | undefined }>([
    { name: 'no fault headers', given: {}, want: undefined },
    { name: 'a code', given: { 'errata-simulate': 'RATE_LIMIT_EXCEEDED' }, want: { code: 'RATE_LIMIT_EXCEEDED' } },
    { name: 'a corpus case', given: { 'errata-simulate-case': 'openai-quota-1' }, want: { caseId: 'openai-quota-1' } },
    {
      name: 'mid-stream after 3 tokens',
      given: { 'errata-simulate': 'OVERLOADED', 'errata-simulate-after': '3' },
      want: { code: 'OVERLOADED', after: 3 },
    },
    { name: 'a cut stream', given: { 'errata-simulate-stream': 'cut' }, want: { stream: 'cut' } },
    {
      name: 'each Retry-After form and a schedule',
      given: { 'errata-simulate': 'OVERLOADED', 'errata-simulate-retry-after': 'date:5', 'errata-simulate-times': '2' },
      want: { code: 'OVERLOADED', retryAfter: { form: 'date', value: 5 }, times: 2 },
    },
  ])('$name', ({ given, want }) => {
    expect(faultPlanFrom(new Headers(given))).toEqual(want);
  });

  it.each<{ name: string; given: Record<string, string>; want: RegExp }>([
    { name: 'a code that is not one', given: { 'errata-simulate': 'rate limit' }, want: /must be a catalog code/ },
    { name: 'a negative count', given: { 'errata-simulate-after': '-1' }, want: /whole number/ },
    { name: 'an unknown break', given: { 'errata-simulate-stream': 'drop' }, want: /cut or stall/ },
    { name: 'a junk wait', given: { 'errata-simulate-retry-after': 'soon' }, want: /seconds \(30\)/ },
    {
      name: 'both a code and a case',
      given: { 'errata-simulate': 'OVERLOADED', 'errata-simulate-case': 'x' },
      want: /not both/,
    },
    { name: 'a wait without a fault', given: { 'errata-simulate-retry-after': '5' }, want: /a fault needs/ },
  ])('refuses $name', ({ given, want }) => {
    expect(() => faultPlanFrom(new Headers(given))).toThrow(want);
  });
});

describe('retryAfterHeaders', () => {
  const now = Date.UTC(2026, 11, 7, 1, 0, 0, 400);
  it.each([
    { form: 'seconds' as const, value: 30, want: { 'retry-after': '30' } },
    { form: 'ms' as const, value: 700, want: { 'retry-after-ms': '700' } },
    // Whole seconds, rounded up: 01:00:00.400 + 2 s is stated as 01:00:03, never less than asked.
    { form: 'date' as const, value: 2, want: { 'retry-after': 'Mon, 07 Dec 2026 01:00:03 GMT' } },
  ])('$form', ({ form, value, want }) => {
    expect(retryAfterHeaders({ form, value }, now)).toEqual(want);
  });
});
