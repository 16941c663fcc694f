/**
 * A fault plan: which failure to answer with, asked for by request headers (curl, an app that sets
 * headers) or registered as a scenario (the client conformance run, an SDK that only takes a base
 * URL). Parsing refuses what it cannot honour, with the header and why.
 */

/** How a fault's wait is written: `Retry-After` seconds, `Retry-After` HTTP-date, or `retry-after-ms`. */
export interface RetryAfterForm {
  form: 'seconds' | 'date' | 'ms';
  /** Seconds for `seconds` and `date` (the date lies that far ahead), milliseconds for `ms`. */
  value: number;
}

export interface FaultPlan {
  /** A canonical code: the provider's corpus case for it answers. */
  code?: string;
  /** A corpus case id (or `crosswalk:<provider>:<name>`, a crosswalk entry an API can write): that case answers. */
  caseId?: string;
  /** On a stream, the fault comes after this many tokens (200 first, then the error event). */
  after?: number;
  /** On a stream, after `after` tokens (default 2) the connection is cut, or goes silent. */
  stream?: 'cut' | 'stall';
  /** The wait to state on the fault answer, replacing the case's own. */
  retryAfter?: RetryAfterForm;
  /** The fault applies to the first `times` attempts of the scenario, then the request succeeds. */
  times?: number;
}

/** A header the sandbox could not honour, said in words. */
export class FaultPlanError extends Error {
  override name = 'FaultPlanError';
}

export const FAULT_HEADERS = {
  code: 'errata-simulate',
  caseId: 'errata-simulate-case',
  after: 'errata-simulate-after',
  stream: 'errata-simulate-stream',
  retryAfter: 'errata-simulate-retry-after',
  times: 'errata-simulate-times',
  key: 'errata-simulate-key',
} as const;

const MAX_COUNT = 10_000;

function count(header: string, value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > MAX_COUNT)
    throw new FaultPlanError(`${header} must be a whole number from 0 to ${MAX_COUNT}`);
  return Number(value);
}

const RETRY_AFTER = /^(?:(date|ms):)?(\d{1,9})$/;

function retryAfter(value: string): RetryAfterForm {
  const match = RETRY_AFTER.exec(value);
  if (!match)
    throw new FaultPlanError(
      `${FAULT_HEADERS.retryAfter} must be seconds (30), date:<seconds> (an HTTP-date that far ahead) ` +
        'or ms:<milliseconds>',
    );
  return { form: (match[1] as 'date' | 'ms' | undefined) ?? 'seconds', value: Number(match[2]) };
}

/**
 * The fault asked for by a request's headers, or undefined when it asks for none.
 *
 * @example
 * faultPlanFrom(new Headers({ 'errata-simulate': 'RATE_LIMIT_EXCEEDED' })); // { code: 'RATE_LIMIT_EXCEEDED' }
 */
export function faultPlanFrom(headers: Headers): FaultPlan | undefined {
  const plan: FaultPlan = {};
  const code = headers.get(FAULT_HEADERS.code);
  if (code !== null) {
    if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) throw new FaultPlanError(`${FAULT_HEADERS.code} must be a catalog code`);
    plan.code = code;
  }
  const caseId = headers.get(FAULT_HEADERS.caseId);
  if (caseId !== null) {
    if (!/^(?:[a-z0-9-]{1,120}|crosswalk:[a-z0-9-]{1,40}:[A-Za-z0-9_.-]{1,80})$/.test(caseId))
      throw new FaultPlanError(`${FAULT_HEADERS.caseId} must be a corpus case id or crosswalk:<provider>:<name>`);
    plan.caseId = caseId;
  }
  const after = headers.get(FAULT_HEADERS.after);
  if (after !== null) plan.after = count(FAULT_HEADERS.after, after);
  const stream = headers.get(FAULT_HEADERS.stream);
  if (stream !== null) {
    if (stream !== 'cut' && stream !== 'stall')
      throw new FaultPlanError(`${FAULT_HEADERS.stream} must be cut or stall`);
    plan.stream = stream;
  }
  const wait = headers.get(FAULT_HEADERS.retryAfter);
  if (wait !== null) plan.retryAfter = retryAfter(wait);
  const times = headers.get(FAULT_HEADERS.times);
  if (times !== null) plan.times = count(FAULT_HEADERS.times, times);
  return Object.keys(plan).length > 0 ? checked(plan) : undefined;
}

/** Checks a plan registered as a scenario (JSON) the way headers are checked. */
export function checked(plan: FaultPlan): FaultPlan {
  if (plan.code !== undefined && plan.caseId !== undefined)
    throw new FaultPlanError('ask for a code or a corpus case, not both');
  if (plan.code === undefined && plan.caseId === undefined && plan.stream === undefined)
    throw new FaultPlanError(`a fault needs ${FAULT_HEADERS.code}, ${FAULT_HEADERS.caseId} or ${FAULT_HEADERS.stream}`);
  return plan;
}

/** The response headers that state a plan's wait. */
export function retryAfterHeaders(form: RetryAfterForm, now: number): Record<string, string> {
  if (form.form === 'ms') return { 'retry-after-ms': String(form.value) };
  // An HTTP-date has whole seconds: rounded up, so the wait it states is never shorter than asked.
  if (form.form === 'date')
    return { 'retry-after': new Date(Math.ceil((now + form.value * 1000) / 1000) * 1000).toUTCString() };
  return { 'retry-after': String(form.value) };
}
