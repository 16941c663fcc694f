// Sending one planned probe and checking what came back: the one place either run (Errata's own,
// or `--spec`) turns a planned request into a report row, so a probing fix is made once.
import type { SpecModel } from '@errata/spec-model';
import type { ResponseChecker } from '../check-response.js';
import type { StreamChecker } from '../check-stream.js';
import { describeRequest, gotOf, type HttpContext, send, sendStream } from '../internal/http.js';
import type { ProbeResult } from '../report.js';
import { proofOf } from './coverage.js';
import type { PlannedProbe } from './probes.js';

/** What sending needs: the spec, the server, the checkers. */
export interface ProbeSender {
  model: SpecModel;
  http: HttpContext;
  checker: ResponseChecker;
  streams: StreamChecker;
}

/**
 * The row of one planned probe: sent and checked, or not sent (`skip`, or `notSent` — the budget
 * spent) with the reason.
 *
 * @example
 * const row = await sendProbe({ model, http, checker, streams }, planned[0]);
 * row.outcome; // 'passed' | 'failed' | 'skipped'
 */
export async function sendProbe(sender: ProbeSender, probe: PlannedProbe, notSent?: string): Promise<ProbeResult> {
  const { model, http, checker, streams } = sender;
  const redact = http.redact ?? String;
  const expected = probe.ending
    ? `a stream ending in ${probe.ending === 'done' ? 'done' : `error ${probe.ending}`}`
    : probe.code
      ? `${model.errors.get(probe.code)?.meta.status} ${probe.code}`
      : 'a declared 2xx';
  const base = {
    section: probe.section,
    operationId: probe.operationId,
    ...(probe.code ? { code: probe.code } : {}),
    via: probe.via,
    ...(probe.cause ? { cause: probe.cause } : {}),
    expected,
  };
  if (probe.skip || !probe.request || notSent) {
    const reason = notSent ?? probe.skip ?? 'nothing to send';
    return { ...base, proof: 'none', outcome: 'skipped', diff: [], reason };
  }
  let diff: string[];
  let got: string | undefined;
  try {
    for (const first of probe.before ?? []) {
      // A refused first request set nothing up (no key used, no resource made): nothing to prove.
      const answer = await send(http, first);
      if (answer.status >= 400) {
        const reason = `the request before it (${describeRequest(first)}) was refused: ${gotOf(answer)}`;
        return { ...base, proof: 'none', outcome: 'skipped', diff: [], reason: redact(reason) };
      }
    }
    const response = await (probe.ending ? sendStream : send)(http, probe.request);
    got = gotOf(response);
    const operation = probe.operationId === 'unrouted' ? 'unrouted' : model.operation(probe.operationId)!;
    diff =
      probe.ending && operation !== 'unrouted'
        ? streams.check(operation, response, {
            ending: probe.ending,
            ...(probe.maxTokens !== undefined ? { maxTokens: probe.maxTokens } : {}),
          })
        : checker.check(operation, response, probe.code ? { code: probe.code } : {});
    if (!probe.code && !probe.ending && (response.status < 200 || response.status > 299)) {
      diff.unshift(`status: expected a 2xx, got ${response.status}`);
      if (probe.cause?.endsWith('from the schema'))
        diff.push('the body was built from the schema: add a request example to the spec, or a pathParams value');
    }
  } catch (error) {
    diff = [`request failed: ${(error as Error).message}`];
  }
  return {
    ...base,
    proof: proofOf(probe.via),
    request: describeRequest(probe.request),
    outcome: diff.length ? 'failed' : 'passed',
    ...(got ? { got } : {}),
    diff: [...new Set(diff.map(redact))],
  };
}
