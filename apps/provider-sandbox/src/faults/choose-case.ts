/**
 * Which corpus case answers a fault: the case asked for by id, or the provider's case for the
 * canonical code asked for, observed cases before documented ones and cases that show headers
 * before those that do not. A mid-stream fault takes the provider's stream case for the code, or a
 * body case written as the provider's stream error rule (spec/providers.yaml `stream_errors`)
 * says its stream errors are written. What the corpus does not hold is refused, never made up.
 */
import { providers } from '@errata/types';
import type { Corpus, CorpusCase } from '../corpus.js';
import type { SseEvent, StreamErrorRule } from '../providers/provider-api.js';
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

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function follows(rule: StreamErrorRule, event: string | undefined, data: string): boolean {
  if ((event ?? 'message') !== rule.event) return false;
  const json = parsed(data);
  return rule.has === undefined || (typeof json === 'object' && json !== null && rule.has in json);
}

/** Whether spec/providers.yaml documents this way of writing the provider's stream errors. */
export function documentedRule(provider: string, rule: StreamErrorRule): boolean {
  const rules = (providers as Record<string, { stream_errors?: readonly StreamErrorRule[] }>)[provider]?.stream_errors;
  return (rules ?? []).some((r) => r.event === rule.event && r.has === rule.has);
}

function throughStreamRule(provider: string, rule: StreamErrorRule, c: CorpusCase): SseEvent | undefined {
  if (!answers(c) || !documentedRule(provider, rule) || !follows(rule, undefined, c.given.body!)) return undefined;
  return { event: rule.event === 'message' ? undefined : rule.event, data: c.given.body! };
}

/**
 * The case that answers a fault as an event once a stream has started.
 *
 * @example
 * streamFault(corpus, 'anthropic', { code: 'OVERLOADED', after: 3 }, { event: 'error' }).event.event; // 'error'
 */
export function streamFault(corpus: Corpus, provider: string, plan: FaultPlan, rule: StreamErrorRule): StreamFault {
  const found = candidates(corpus, provider, plan);
  const ownEvent = (c: CorpusCase) =>
    c.given.stream?.format === 'sse' && follows(rule, c.given.stream.event, c.given.stream.data);
  const own = found.find(ownEvent);
  if (own)
    return {
      case: own,
      event: { event: own.given.stream!.event, data: own.given.stream!.data },
      written: 'stream case',
    };
  for (const c of found) {
    const event = throughStreamRule(provider, rule, c);
    if (event) return { case: c, event, written: 'body case through the provider’s stream_errors rule' };
  }
  throw new FaultPlanError(
    `the corpus holds no ${provider} mid-stream error for ${plan.caseId ?? plan.code} written as this API ` +
      `writes its stream errors, and no body case that spec/providers.yaml says how to write so; ` +
      `mid-stream codes it can send: ` +
      codesWith(corpus, provider, (c) => ownEvent(c) || throughStreamRule(provider, rule, c) !== undefined),
  );
}
