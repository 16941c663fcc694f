/**
 * Which corpus case answers a fault: the case asked for by id, or the provider's case for the
 * canonical code asked for, observed cases before documented ones and cases that show headers
 * before those that do not. A mid-stream fault takes the provider's stream case for the code, or a
 * body case written as the provider's stream error rule (spec/providers.yaml `stream_errors`)
 * says its stream errors are written. What the corpus does not hold is refused, never made up.
 */
import { type ProviderId, providers } from '@errata/types';
import type { Corpus, CorpusCase } from '../corpus.js';
import type { SseEvent } from '../providers/provider-api.js';
import { type FaultPlan, FaultPlanError } from './fault-plan.js';

/** A case answering as an HTTP error: status, the headers the source shows, the body as printed. */
export interface AnswerFault {
  case: CorpusCase;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A case answering as an event in a stream that has started. */
export interface StreamFault {
  case: CorpusCase;
  event: SseEvent;
  /** How the event was written: the case's own event, or a body case through the stream rule. */
  written: 'stream case' | 'body case through the provider’s stream_errors rule';
}

const rank = (c: CorpusCase) => (c.kind === 'observed' ? 0 : 2) + (c.given.headers ? 0 : 1);

function candidates(corpus: Corpus, provider: string, plan: FaultPlan): CorpusCase[] {
  const cases = corpus.get(provider) ?? [];
  if (plan.caseId !== undefined) {
    const found = cases.find((c) => c.id === plan.caseId);
    if (!found) throw new FaultPlanError(`the corpus has no ${provider} case ${plan.caseId}`);
    return [found];
  }
  return cases.filter((c) => c.want.code === plan.code).sort((a, b) => rank(a) - rank(b));
}

function codesWith(corpus: Corpus, provider: string, usable: (c: CorpusCase) => boolean): string {
  const codes = [...new Set((corpus.get(provider) ?? []).filter(usable).map((c) => c.want.code))].sort();
  return codes.length > 0 ? codes.join(', ') : 'none';
}

const answers = (c: CorpusCase) => c.given.body !== undefined && (c.given.status ?? 0) >= 400;

/**
 * The case that answers a fault as an HTTP error.
 *
 * @example
 * answerFault(corpus, 'openai', { code: 'QUOTA_EXCEEDED' }).status; // 429, as OpenAI sends it
 */
export function answerFault(corpus: Corpus, provider: string, plan: FaultPlan): AnswerFault {
  const found = candidates(corpus, provider, plan).find(answers);
  if (!found)
    throw new FaultPlanError(
      plan.caseId !== undefined
        ? `corpus case ${plan.caseId} is not an HTTP error answer (it is a stream event or an SDK error): ` +
            'ask for it on a stream with errata-simulate-after'
        : `the corpus holds no ${provider} error answer for ${plan.code}, so the sandbox will not invent one; ` +
            `codes it can answer: ${codesWith(corpus, provider, answers)}`,
    );
  return { case: found, status: found.given.status!, headers: found.given.headers ?? {}, body: found.given.body! };
}

function throughStreamRule(provider: string, c: CorpusCase): SseEvent | undefined {
  if (!answers(c)) return undefined;
  const rules = (providers as Record<string, { stream_errors?: readonly { event: string; has?: string }[] }>)[provider]
    ?.stream_errors;
  let parsed: unknown;
  try {
    parsed = JSON.parse(c.given.body!);
  } catch {
    return undefined;
  }
  for (const rule of rules ?? []) {
    if (rule.event === 'message' && rule.has && typeof parsed === 'object' && parsed !== null && rule.has in parsed)
      return { data: c.given.body! };
    if (rule.event !== 'message' && rule.has === undefined) return { event: rule.event, data: c.given.body! };
  }
  return undefined;
}

/**
 * The case that answers a fault as an event once a stream has started.
 *
 * @example
 * streamFault(corpus, 'anthropic', { code: 'OVERLOADED', after: 3 }).event.event; // 'error'
 */
export function streamFault(corpus: Corpus, provider: ProviderId | string, plan: FaultPlan): StreamFault {
  const found = candidates(corpus, provider, plan);
  const own = found.find((c) => c.given.stream?.format === 'sse');
  if (own) return { case: own, event: { event: own.given.stream!.event, data: own.given.stream!.data }, written: 'stream case' };
  for (const c of found) {
    const event = throughStreamRule(provider, c);
    if (event) return { case: c, event, written: 'body case through the provider’s stream_errors rule' };
  }
  throw new FaultPlanError(
    `the corpus holds no ${provider} mid-stream error for ${plan.caseId ?? plan.code}, and no body case that ` +
      `spec/providers.yaml says how to write as a stream event; mid-stream codes it can send: ` +
      codesWith(corpus, provider, (c) => c.given.stream?.format === 'sse' || throughStreamRule(provider, c) !== undefined),
  );
}
