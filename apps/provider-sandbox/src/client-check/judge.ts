/**
 * Judging one client's handling of one fault against what the catalog says a client should do
 * (fault-case.ts): the verdict, and the observations it rests on, so a reader can check it.
 */
import type { Attempt } from '../scenarios.js';
import type { FaultCase } from './fault-case.js';

export interface Observed {
  subject: string;
  fault: FaultCase;
  outcome: { returned: string } | { threw: unknown } | { hung: true };
  attempts: readonly Attempt[];
  elapsedMs: number;
  partial: string;
  fullAnswer: string;
  apiKey: string;
  /** False when the client's text was not seen (a command): partial output is not judged. */
  reportsText: boolean;
}

export interface ClientRow {
  subject: string;
  fault: FaultCase;
  /** Set when the fault was not run against this client, with why. */
  skipped?: string;
  verdict?: 'right' | 'wrong';
  /** What was wrong, in words; empty when right. */
  problems?: string[];
  /** What the client did: `typed error (RateLimitError)`, `bare error (TypeError)`, `success`, `no answer`. */
  result?: string;
  attempts?: number;
  /** Milliseconds between the first two attempts, when there were two. */
  firstWaitMs?: number;
  sameIdempotencyKey?: boolean | 'not sent';
  partialKept?: boolean;
  keyInError?: boolean;
}

const BARE = new Set(['Error', 'TypeError', 'SyntaxError', 'RangeError']);

function describeError(error: unknown): { typed: boolean; name: string; text: string } {
  if (!(error instanceof Error)) return { typed: false, name: typeof error, text: String(error) };
  const name = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  let text = `${error.message}`;
  try {
    text += JSON.stringify(error);
  } catch {
    // A circular error: its message is what is checked.
  }
  return { typed: !BARE.has(name), name, text };
}

/**
 * The verdict on one client and one fault.
 *
 * @example
 * judge(observed).verdict; // 'right'
 */
export function judge(observed: Observed): ClientRow {
  const { fault, outcome, attempts } = observed;
  const problems: string[] = [];
  const keys = attempts.map((a) => a.idempotencyKey);
  const row: ClientRow = {
    subject: observed.subject,
    fault,
    attempts: attempts.length,
    sameIdempotencyKey: keys.every((k) => k === undefined) ? 'not sent' : new Set(keys).size === 1,
  };
  if (attempts.length >= 2) row.firstWaitMs = attempts[1]!.at - attempts[0]!.at;
  let failed = false;
  if ('hung' in outcome) {
    row.result = 'no answer';
    problems.push(
      fault.expect.kind === 'give-up-on-long-wait'
        ? 'sleeps through the stated wait instead of failing (no answer within the run’s limit)'
        : 'neither returned nor threw within the run’s limit',
    );
  } else if ('returned' in outcome) {
    row.result =
      outcome.returned === observed.fullAnswer ? 'success' : `success with partial text “${outcome.returned}”`;
  } else {
    failed = true;
    const error = describeError(outcome.threw);
    row.result = `${error.typed ? 'typed error' : 'bare error'} (${error.name})`;
    row.keyInError = error.text.includes(observed.apiKey);
    if (!error.typed) problems.push(`threw a bare ${error.name}`);
    if (row.keyInError) problems.push('the error keeps the API key');
  }
  const expect = fault.expect;
  switch (expect.kind) {
    case 'fail-without-retry':
      if (!failed) problems.push('did not fail');
      if (attempts.length > 1) problems.push(`retried a never-retry error (${attempts.length} attempts)`);
      break;
    case 'retry-then-succeed':
      if (failed || row.result !== 'success') problems.push('did not succeed after the fault cleared');
      if (attempts.length < 2) problems.push('did not retry');
      if (row.firstWaitMs !== undefined && row.firstWaitMs < expect.waitMs * 0.9)
        problems.push(`waited ${row.firstWaitMs} ms of the ${expect.waitMs} ms asked`);
      if (row.sameIdempotencyKey === false) problems.push('sent another Idempotency-Key on the retry');
      break;
    case 'give-up-on-long-wait':
      if (!failed && !('hung' in outcome)) problems.push('did not fail');
      if (attempts.length > 1) problems.push(`retried before the stated wait had passed (${attempts.length} attempts)`);
      break;
    case 'fail-mid-stream': {
      const before = observed.fullAnswer.split(' ').slice(0, expect.tokensBefore).join(' ');
      if (!failed) problems.push('took the errored stream for a success');
      if (observed.reportsText) {
        row.partialKept = observed.partial === before;
        if (!row.partialKept) problems.push(`kept “${observed.partial}” of the text before the error`);
      }
      break;
    }
    case 'fail-broken-stream':
      if (!failed && !('hung' in outcome)) problems.push('took the broken stream for a success');
      break;
  }
  row.problems = problems;
  row.verdict = problems.length === 0 ? 'right' : 'wrong';
  return row;
}
