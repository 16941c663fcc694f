// Running Errata's trigger pack: each trigger the selection keeps and the server can serve, checked
// like every other probe; the ones it cannot serve are rows not sent, with the reason.
import { setTimeout as sleep } from 'node:timers/promises';
import { catalog, type ErrorCode } from '@errata/types';
import type { ProbeResult } from '../report.js';
import { describeRequest, gotOf } from './http.js';
import type { SuiteContext } from './suite-context.js';
import { buildTriggers, type Trigger } from './triggers/index.js';
import type { Exchange } from './triggers/trigger.js';

const MAX_RATE_LIMIT_WAIT_S = 15;
const MAX_RATE_LIMIT_RETRIES = 3;

/** Runs `trigger`; a rate limit is not the code under test, so wait as told (a few times, briefly) and try again. */
async function runPastRateLimits(context: SuiteContext, trigger: Trigger): Promise<Exchange> {
  let exchanged = await trigger.run(context);
  for (let attempt = 0; attempt < MAX_RATE_LIMIT_RETRIES; attempt++) {
    if (exchanged.response.status !== 429 || catalog[trigger.code].status === 429) break;
    const wait = Number(exchanged.response.headers.get('retry-after') ?? '1');
    if (!(wait >= 0 && wait <= MAX_RATE_LIMIT_WAIT_S)) break;
    await sleep(wait * 1000);
    exchanged = await trigger.run(context);
  }
  return exchanged;
}

/** The row of one trigger, before it is sent. */
function rowOf(trigger: Trigger): Omit<ProbeResult, 'proof' | 'outcome' | 'diff'> {
  return {
    section: trigger.operationId === 'unrouted' ? 'unrouted' : 'errors',
    operationId: trigger.operationId,
    code: trigger.code,
    via: 'trigger',
    cause: trigger.cause,
    expected: `${catalog[trigger.code].status} ${trigger.code}`,
  };
}

async function probe(context: SuiteContext, trigger: Trigger): Promise<ProbeResult> {
  const operation = trigger.operationId === 'unrouted' ? 'unrouted' : context.operation(trigger.operationId);
  let diff: string[];
  let request: string | undefined;
  let got: string | undefined;
  try {
    const exchanged = await runPastRateLimits(context, trigger);
    request = describeRequest(exchanged.request);
    got = gotOf(exchanged.response);
    diff = context.checker.check(operation, exchanged.response, { code: trigger.code });
  } catch (error) {
    diff = [`request failed: ${context.redact((error as Error).message)}`];
  }
  return {
    ...rowOf(trigger),
    proof: 'real',
    ...(request !== undefined ? { request } : {}),
    outcome: diff.length ? 'failed' : 'passed',
    ...(got !== undefined ? { got } : {}),
    diff: [...new Set(diff)],
  };
}

/** One row per trigger of the pack the selection keeps: sent, or not sent with the reason. */
export async function runTriggers(
  context: SuiteContext,
  only: Set<ErrorCode> | undefined,
  operations: Set<string>,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  const selected = (t: Trigger) =>
    (!only || only.has(t.code)) && (t.operationId === 'unrouted' || operations.has(t.operationId));
  for (const trigger of buildTriggers(context).filter(selected)) {
    const reason = trigger.unavailable?.(context);
    if (reason) results.push({ ...rowOf(trigger), proof: 'none', outcome: 'skipped', diff: [], reason });
    else results.push(await probe(context, trigger));
  }
  return results;
}
