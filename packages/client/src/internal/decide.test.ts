import { describe, expect, it } from 'vitest';
import { retryDefaults } from '../retry-policy.js';
import { type Decision, decide, type Failure, type FailurePolicy } from './decide.js';

// Time and chance are arguments: `now` a whole second, jitter none (random() = 0).
const now = Date.parse('2026-01-01T00:00:00Z');
const settings = { ...retryDefaults, maxRetries: 2 };
const first = { retry: 0, timeLeft: Infinity };

describe('decide', () => {
  const table: { name: string; given: { failure: Failure; policy: FailurePolicy }; want: Decision }[] = [
    {
      name: 'a transport failure, first retry → backoff',
      given: { failure: first, policy: 'transport' },
      want: { retry: true, wait: 500, reason: 'backoff' },
    },
    {
      name: 'a transport failure, second retry → the doubled step',
      given: { failure: { ...first, retry: 1 }, policy: 'transport' },
      want: { retry: true, wait: 1000, reason: 'backoff' },
    },
    {
      name: 'retries exhausted → stop, with the wait it would have chosen',
      given: { failure: { ...first, retry: 2 }, policy: 'backoff' },
      want: { retry: false, wait: 2000, reason: 'exhausted' },
    },
    {
      name: 'a final transport failure (abort, deadline, not JSON, redirect loop) → stop',
      given: { failure: first, policy: 'final' },
      want: { retry: false, wait: undefined, reason: 'not-retryable' },
    },
    {
      name: 'policy never → stop, whatever the headers ask',
      given: { failure: { ...first, headers: new Headers({ 'retry-after': '1' }) }, policy: 'never' },
      want: { retry: false, wait: undefined, reason: 'never' },
    },
    {
      name: 'Retry-After seconds → that wait',
      given: { failure: { ...first, headers: new Headers({ 'retry-after': '3' }) }, policy: 'after_retry_after' },
      want: { retry: true, wait: 3000, reason: 'retry-after' },
    },
    {
      name: 'a body retry_after (seconds) when no header asks',
      given: { failure: { ...first, bodyRetryAfter: 2 }, policy: 'after_retry_after' },
      want: { retry: true, wait: 2000, reason: 'retry-after' },
    },
    {
      name: 'an ask past maxRetryAfter → stop, reporting the ask',
      given: { failure: { ...first, headers: new Headers({ 'retry-after': '120' }) }, policy: 'after_retry_after' },
      want: { retry: false, wait: 120_000, reason: 'too-long' },
    },
    {
      name: 'x-should-retry: false → stop',
      given: { failure: { ...first, headers: new Headers({ 'x-should-retry': 'false' }) }, policy: 'backoff' },
      want: { retry: false, wait: undefined, reason: 'x-should-retry' },
    },
    {
      name: 'a wait that would outlast the deadline is not started',
      given: { failure: { ...first, timeLeft: 400 }, policy: 'transport' },
      want: { retry: false, wait: 500, reason: 'deadline' },
    },
    {
      name: 'a wait that ends just before the deadline is waited',
      given: { failure: { ...first, timeLeft: 501 }, policy: 'transport' },
      want: { retry: true, wait: 500, reason: 'backoff' },
    },
  ];
  it.each(table)('$name', ({ given, want }) => {
    expect(decide(given.failure, given.policy, settings, now, () => 0)).toEqual(want);
  });
});
