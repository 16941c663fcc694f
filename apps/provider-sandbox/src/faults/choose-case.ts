/**
 * Which corpus case answers a fault: the case asked for by id, or the provider's case for the
 * canonical code asked for, observed cases before documented ones and cases that show headers
 * before those that do not. A mid-stream fault takes the provider's stream case for the code, or a
 * body case written as the provider's stream error rule (spec/providers.yaml `stream_errors`)
 * says its stream errors are written; on an AWS event stream, the provider's exception event. An API
 * whose envelope is only a status, a name and a message (Bedrock) also answers with its SDK's
 * exceptions in the corpus and its crosswalk's documented errors (protocol-answers.ts). What the
 * corpus and the crosswalk do not hold is refused, never made up.
 */
import { providers } from '@errata/types';
import type { Corpus, CorpusCase } from '../corpus.js';
import type { ErrorProtocol, StreamErrorRule, StreamEvent } from '../providers/provider-api.js';
import { type FaultPlan, FaultPlanError } from './fault-plan.js';
import { crosswalkAnswers, type ProtocolAnswer, sdkErrorAnswers } from './protocol-answers.js';

/** A case answering as an HTTP error: status, the headers the source shows, the body as printed. */
export interface AnswerFault {
  /** The corpus case id, or `crosswalk:<provider>:<name>`. */
  id: string;
  /** Where it was found: the case's source, or the document the crosswalk entry cites. */
  source: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A case answering as an event in a stream that has started. */
export interface StreamFault {
  id: string;
  source: string;
  event: StreamEvent;
  /** How the event was written: the case's own event, or a body case through the stream rule. */
  written: 'stream case' | 'body case through the provider’s stream_errors rule' | 'AWS event-stream exception';
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

function codesWith(
  corpus: Corpus,
  provider: string,
  usable: (c: CorpusCase) => boolean,
  more: readonly string[] = [],
): string {
  const codes = [...new Set([...(corpus.get(provider) ?? []).filter(usable).map((c) => c.want.code), ...more])].sort();
  return codes.length > 0 ? codes.join(', ') : 'none';
}

const answers = (c: CorpusCase) => c.given.body !== undefined && (c.given.status ?? 0) >= 400;

/** The headers without those that described the source's connection, not its answer (HTTP/2 forbids them). */
function endToEnd(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

function protocolAnswer(corpus: Corpus, provider: string, plan: FaultPlan, protocol: ErrorProtocol) {
  const all = [...sdkErrorAnswers(corpus, provider, protocol.sdkPackage), ...crosswalkAnswers(provider)];
  const found: ProtocolAnswer | undefined = all.find((a) =>
    plan.caseId !== undefined ? a.id === plan.caseId : a.code === plan.code,
  );
  if (!found) return undefined;
  return { id: found.id, source: found.source, status: found.error.status, ...protocol.write(found.error) };
}

/**
 * The case that answers a fault as an HTTP error: the provider's corpus case, or, for an API with
 * an error protocol, its SDK's exception or its crosswalk entry written by that protocol.
 *
 * @example
 * answerFault(corpus, 'openai', { code: 'QUOTA_EXCEEDED' }).status; // 429, as OpenAI sends it
 */
export function answerFault(corpus: Corpus, provider: string, plan: FaultPlan, protocol?: ErrorProtocol): AnswerFault {
  const crosswalkId = plan.caseId?.startsWith('crosswalk:') === true;
  const found = crosswalkId ? undefined : candidates(corpus, provider, plan).find(answers);
  if (found)
    return {
      id: found.id,
      source: found.source.url,
      status: found.given.status!,
      headers: endToEnd(found.given.headers ?? {}),
      body: found.given.body!,
    };
  const written = protocol ? protocolAnswer(corpus, provider, plan, protocol) : undefined;
  if (written) return written;
  const protocolCodes = protocol
    ? [...sdkErrorAnswers(corpus, provider, protocol.sdkPackage), ...crosswalkAnswers(provider)].map((a) => a.code)
    : [];
  throw new FaultPlanError(
    plan.caseId !== undefined
      ? `corpus case ${plan.caseId} is not an HTTP error answer of ${provider} (it is a stream event, an SDK ` +
          'error, or not known): ask for a stream event on a stream with errata-simulate-after'
      : `${protocol ? 'the corpus and the crosswalk hold' : 'the corpus holds'} no ${provider} error answer for ` +
          `${plan.code}, so the sandbox will not invent one; codes it can answer: ` +
          codesWith(corpus, provider, answers, protocolCodes),
  );
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

function throughStreamRule(provider: string, rule: StreamErrorRule, c: CorpusCase): StreamEvent | undefined {
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
      id: own.id,
      source: own.source.url,
      event: { event: own.given.stream!.event, data: own.given.stream!.data },
      written: 'stream case',
    };
  const aws = rule.event === 'exception' ? found.find(awsException) : undefined;
  if (aws)
    return { id: aws.id, source: aws.source.url, event: awsExceptionEvent(aws), written: 'AWS event-stream exception' };
  for (const c of found) {
    const event = throughStreamRule(provider, rule, c);
    if (event)
      return { id: c.id, source: c.source.url, event, written: 'body case through the provider’s stream_errors rule' };
  }
  throw new FaultPlanError(
    `the corpus holds no ${provider} mid-stream error for ${plan.caseId ?? plan.code} written as this API ` +
      `writes its stream errors, and no body case that spec/providers.yaml says how to write so; ` +
      `mid-stream codes it can send: ` +
      codesWith(
        corpus,
        provider,
        (c) =>
          ownEvent(c) ||
          (rule.event === 'exception' && awsException(c)) ||
          throughStreamRule(provider, rule, c) !== undefined,
      ),
  );
}

/** An exception event of an AWS event stream whose exception type the case shows. */
const awsException = (c: CorpusCase) => c.given.stream?.format === 'aws-eventstream' && !!c.given.stream.event;

/**
 * The case's exception as Bedrock frames it: the payload is the exception's JSON `{"message"}`
 * (spec/providers.yaml bedrock `stream_errors`); a case whose source printed only the message (as
 * botocore does) has that message put back in it.
 */
function awsExceptionEvent(c: CorpusCase): StreamEvent {
  const { event, data } = c.given.stream!;
  const json = parsed(data);
  const payload = typeof json === 'object' && json !== null ? data : JSON.stringify({ message: data });
  return { event, data: payload, exception: true };
}
