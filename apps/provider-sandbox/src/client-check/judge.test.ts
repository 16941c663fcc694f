import { describe, expect, it } from 'vitest';
import type { Attempt } from '../scenarios.js';
import type { FaultCase } from './fault-case.js';
import { judge, type Observed } from './judge.js';

const FULL = 'Hello from the Errata provider sandbox.';
const KEY = 'sk-check-key';

function attempts(...at: number[]): Attempt[] {
  return at.map((t) => ({
    at: t,
    method: 'POST',
    path: '/x',
    idempotencyKey: 'k1',
    answered: 'fault',
    status: 429,
  }));
}

function observed(expect: FaultCase['expect'], rest: Partial<Observed>): Observed {
  return {
    subject: 'sdk',
    fault: { name: 'f', provider: 'openai', stream: false, plan: { code: 'X' }, expect },
    outcome: { returned: FULL },
    attempts: attempts(0),
    elapsedMs: 1,
    partial: '',
    fullAnswer: FULL,
    apiKey: KEY,
    reportsText: true,
    ...rest,
  };
}

class RateLimitError extends Error {}

describe('judge', () => {
  it.each<{ name: string; given: Observed; want: string[] }>([
    {
      name: 'a never-retry code failed once, typed',
      given: observed({ kind: 'fail-without-retry' }, { outcome: { threw: new RateLimitError('quota') } }),
      want: [],
    },
    {
      name: 'a never-retry code retried',
      given: observed(
        { kind: 'fail-without-retry' },
        { outcome: { threw: new RateLimitError('quota') }, attempts: attempts(0, 500, 1500) },
      ),
      want: ['retried a never-retry error (3 attempts)'],
    },
    {
      name: 'a bare TypeError that keeps the key',
      given: observed({ kind: 'fail-without-retry' }, { outcome: { threw: new TypeError(`bad ${KEY}`) } }),
      want: ['threw a bare TypeError', 'the error keeps the API key'],
    },
    {
      name: 'a retry that came too early',
      given: observed({ kind: 'retry-then-succeed', waitMs: 2000 }, { attempts: attempts(0, 900) }),
      want: ['waited 900 ms of the 2000 ms asked'],
    },
    {
      name: 'a retry after the wait, then success',
      given: observed({ kind: 'retry-then-succeed', waitMs: 2000 }, { attempts: attempts(0, 2004) }),
      want: [],
    },
    {
      name: 'a day-long wait slept through',
      given: observed({ kind: 'give-up-on-long-wait' }, { outcome: { hung: true } }),
      want: ['sleeps through the stated wait instead of failing (no answer within the run’s limit)'],
    },
    {
      name: 'an errored stream taken for a success',
      given: observed({ kind: 'fail-mid-stream', tokensBefore: 3 }, { outcome: { returned: 'Hello from the' } }),
      want: ['took the errored stream for a success', 'kept “” of the text before the error'],
    },
    {
      name: 'a mid-stream error with the text kept',
      given: observed(
        { kind: 'fail-mid-stream', tokensBefore: 3 },
        { outcome: { threw: new RateLimitError('x') }, partial: 'Hello from the' },
      ),
      want: [],
    },
    {
      name: 'a cut stream taken for a success',
      given: observed({ kind: 'fail-broken-stream' }, { outcome: { returned: 'Hello from' } }),
      want: ['took the broken stream for a success'],
    },
  ])('$name', ({ given, want }) => {
    const row = judge(given);
    expect(row.problems).toEqual(want);
    expect(row.verdict).toBe(want.length === 0 ? 'right' : 'wrong');
  });
});
