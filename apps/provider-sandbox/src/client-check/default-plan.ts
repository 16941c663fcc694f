/**
 * The default fault plan: for each provider, the corpus's codes of each retry policy (never,
 * backoff, after Retry-After), each Retry-After form, a wait longer than any client should sleep,
 * a mid-stream error, a cut stream and a stalled one. Built from the catalog and the corpus, so a
 * new corpus case or a changed policy changes the plan by itself.
 */
import { codeFacts, isErrorCode, type RetryPolicy } from '@errata/types/policy';
import type { Corpus } from '../corpus.js';
import { answerFault, streamFault } from '../faults/choose-case.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { providerApis } from '../providers/index.js';
import { expectationFor, type FaultCase } from './fault-case.js';

const POLICIES: readonly RetryPolicy[] = ['never', 'backoff', 'after_retry_after'];
/** Codes that stand for their policy when the corpus has them, most telling first. */
const PREFERRED = [
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_BALANCE',
  'PROMPT_TOO_LONG',
  'RATE_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
  'OVERLOADED',
];

function answerable(corpus: Corpus, provider: string, plan: FaultPlan, stream: boolean): boolean {
  const api = providerApis.find((p) => p.id === provider);
  const rule = api?.routes.find((route) => route.streamError)?.streamError;
  try {
    if (stream) streamFault(corpus, provider, plan, rule!);
    else answerFault(corpus, provider, plan, api?.errorProtocol);
    return true;
  } catch {
    return false;
  }
}

function codeOfPolicy(corpus: Corpus, provider: string, policy: RetryPolicy): string | undefined {
  const codes = [...new Set((corpus.get(provider) ?? []).map((c) => c.want.code))].filter(
    (code) => isErrorCode(code) && codeFacts[code][1] === policy && answerable(corpus, provider, { code }, false),
  );
  return codes.sort((a, b) => rank(a) - rank(b))[0];
}

const rank = (code: string) => (PREFERRED.includes(code) ? PREFERRED.indexOf(code) : PREFERRED.length);

/**
 * The default plan for the providers given.
 *
 * @example
 * defaultPlan(loadCorpus(), ['openai']).map((f) => f.name);
 */
export function defaultPlan(corpus: Corpus, providers: readonly string[]): FaultCase[] {
  const plan: FaultCase[] = [];
  for (const provider of providers) {
    const add = (name: string, stream: boolean, fault: FaultPlan, expect = expectationFor(fault.code ?? '', fault)) =>
      plan.push({ name, provider, stream, plan: fault, expect });
    for (const policy of POLICIES) {
      const code = codeOfPolicy(corpus, provider, policy);
      if (!code) continue;
      if (policy === 'never') add(`${code} (never retried)`, false, { code });
      else add(`${code} once, then success`, false, { code, times: 1, retryAfter: { form: 'seconds', value: 1 } });
    }
    const limited = codeOfPolicy(corpus, provider, 'after_retry_after');
    if (limited) {
      add(`${limited} with Retry-After as an HTTP-date`, false, {
        code: limited,
        times: 1,
        retryAfter: { form: 'date', value: 2 },
      });
      add(`${limited} with retry-after-ms`, false, { code: limited, times: 1, retryAfter: { form: 'ms', value: 700 } });
      add(
        `${limited} with Retry-After: 86400`,
        false,
        { code: limited, retryAfter: { form: 'seconds', value: 86_400 } },
        {
          kind: 'give-up-on-long-wait',
        },
      );
    }
    const midStream = ['INTERNAL_ERROR', 'OVERLOADED', 'RATE_LIMIT_EXCEEDED'].find((code) =>
      answerable(corpus, provider, { code, after: 3 }, true),
    );
    if (midStream)
      add(
        `${midStream} mid-stream after 3 tokens`,
        true,
        { code: midStream, after: 3 },
        { kind: 'fail-mid-stream', tokensBefore: 3 },
      );
    add('stream cut after 2 tokens', true, { stream: 'cut', after: 2 }, { kind: 'fail-broken-stream' });
    add('stream stalls after 2 tokens', true, { stream: 'stall', after: 2 }, { kind: 'fail-broken-stream' });
  }
  return plan;
}
