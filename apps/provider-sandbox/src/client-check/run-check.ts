/**
 * The client conformance run: each fault of a plan, against each client that calls its provider,
 * through a fresh scenario of the provider sandbox. What the client did is read from two sides:
 * the sandbox's record of its attempts (how many, how far apart, with which Idempotency-Key) and
 * what the call returned or threw (a typed error, a bare one, a silent success, output kept).
 */
import type { ProviderSandbox } from '../app.js';
import { providerApis } from '../providers/index.js';
import { ANSWER_TOKENS } from '../providers/provider-api.js';
import type { Attempt } from '../scenarios.js';
import type { FaultCase } from './fault-case.js';
import { type ClientRow, judge } from './judge.js';
import type { ClientSubject } from './subject.js';

export interface CheckOptions {
  sandbox: ProviderSandbox;
  /** Where the sandbox listens, e.g. `http://127.0.0.1:4010/providers`. */
  url: string;
  /** Where the same sandbox listens over h2c, for clients that speak HTTP/2 only (the AWS SDK). */
  h2Url?: string;
  subjects: readonly ClientSubject[];
  plan: readonly FaultCase[];
  /** The per-attempt timeout each client is configured with. */
  timeoutMs?: number;
  /** How long one call may take before the run reports it hung. */
  capMs?: number;
  /** The API key given to every client; the report says whether any error kept it. */
  apiKey?: string;
}

export interface CheckReport {
  rows: ClientRow[];
  subjects: string[];
}

const HUNG = Symbol('hung');

async function capped<T>(promise: Promise<T>, ms: number): Promise<T | typeof HUNG> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<typeof HUNG>((resolve) => {
    timer = setTimeout(() => resolve(HUNG), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every fault of the plan against every subject of its provider, one at a time.
 *
 * @example
 * const plan = defaultPlan(corpus, ['openai']);
 * const report = await runClientCheck({ sandbox, url, subjects: builtInSubjects, plan });
 */
export async function runClientCheck(options: CheckOptions): Promise<CheckReport> {
  const { sandbox, url, subjects, plan } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const capMs = options.capMs ?? 12_000;
  const apiKey = options.apiKey ?? 'sk-errata-client-check-0123456789';
  const rows: ClientRow[] = [];
  for (const fault of plan)
    for (const subject of subjects.filter((s) => s.provider === fault.provider)) {
      if (fault.stream && !subject.streams) {
        rows.push({ subject: subject.name, fault, skipped: 'the client does not read this provider’s streams' });
        continue;
      }
      const base = subject.http2 ? options.h2Url : url;
      if (base === undefined) {
        rows.push({ subject: subject.name, fault, skipped: 'the run has no HTTP/2 listener for this client' });
        continue;
      }
      const scenario = sandbox.scenarios.create(fault.plan);
      const api = providerApis.find((p) => p.id === fault.provider)!;
      const text: string[] = [];
      const started = Date.now();
      let outcome: { returned: string } | { threw: unknown } | { hung: true };
      try {
        const result = await capped(
          subject.call({
            baseUrl: `${base}/s/${scenario.id}/${api.id}${api.baseUrlSuffix}`,
            apiKey,
            stream: fault.stream,
            timeoutMs,
            onText: (t) => text.push(t),
          }),
          capMs,
        );
        outcome = result === HUNG ? { hung: true } : { returned: result };
      } catch (error) {
        outcome = { threw: error };
      }
      const attempts: Attempt[] = [...scenario.attempts];
      rows.push(
        judge({
          subject: subject.name,
          fault,
          outcome,
          attempts,
          elapsedMs: Date.now() - started,
          partial: text.join(''),
          fullAnswer: ANSWER_TOKENS.join(''),
          apiKey,
          reportsText: subject.reportsText !== false,
        }),
      );
    }
  return { rows, subjects: subjects.map((s) => s.name) };
}
