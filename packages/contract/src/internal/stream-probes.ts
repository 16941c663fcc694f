// Probes of streamed responses, on every selected operation that declares a `text/event-stream`
// 200 (runModel): one plain stream that must end with `done`; for every code the spec allows
// mid-stream, `Errata-Simulate: <CODE>` with `Errata-Simulate-After: <n>`, which must end with that
// code's error event after at most n tokens; and the models named in `modelsFor` for those codes,
// which may fail before the stream (an ordinary error response) or in it (an error event).
import type { SpecOperation } from '@errata/spec-model';
import { type ErrorCode, isErrorCode } from '@errata/types';
import { createStreamChecker, type StreamEnding } from '../check-stream.js';
import type { ProbeResult } from '../report.js';
import { describeRequest, fillPath, gotOf, type RequestSpec, sendStream } from './http.js';
import { baseRequest } from './simulate-probes.js';
import type { SuiteContext } from './suite-context.js';

/** How the plain stream is asked for. */
const PLAIN = 'Accept: text/event-stream, stream: true';

/** Tokens a simulated stream error comes after. */
const SIMULATE_AFTER = 2;

function streamed(request: RequestSpec): RequestSpec {
  const body = typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  return {
    ...request,
    headers: { ...request.headers, Accept: 'text/event-stream' },
    body: JSON.stringify({ ...body, stream: true }),
  };
}

export async function runStreamProbes(
  context: SuiteContext,
  operations: SpecOperation[],
  options: { simulate: boolean; triggers: boolean; only: Set<ErrorCode> | undefined },
): Promise<ProbeResult[]> {
  const checker = createStreamChecker(
    context.spec,
    context.ajv,
    context.checker,
    context.requestIdHeader ? { requestIdHeader: context.requestIdHeader } : {},
  );
  const results: ProbeResult[] = [];
  const text = context.plainModel('text-generation');
  for (const operation of operations) {
    const schema = context.model.streamEvents.get(operation.operationId);
    if (!schema) continue;
    const row = (ending: StreamEnding, via: 'example' | 'simulate' | 'trigger', cause: string) => ({
      section: 'streams' as const,
      operationId: operation.operationId,
      ...(ending === 'done' ? {} : { code: ending }),
      via,
      cause,
      expected: `a stream ending in ${ending === 'done' ? 'done' : `error ${ending}`}`,
    });
    if (!text) {
      const reason = 'listModels shows no public text-generation model without an agreement to stream';
      results.push({ ...row('done', 'example', PLAIN), proof: 'none', outcome: 'skipped', diff: [], reason });
      continue;
    }
    const probe = async (
      ending: StreamEnding,
      via: 'example' | 'simulate' | 'trigger',
      cause: string,
      request: RequestSpec,
      maxTokens?: number,
    ) => {
      let diff: string[];
      let got: string | undefined;
      try {
        const response = await sendStream(context, request);
        got = gotOf(response);
        diff = checker.check(operation, response, {
          ending,
          ...(maxTokens !== undefined ? { maxTokens } : {}),
        });
      } catch (error) {
        diff = [`request failed: ${(error as Error).message}`];
      }
      results.push({
        ...row(ending, via, cause),
        proof: via === 'simulate' ? 'simulated' : 'real',
        request: describeRequest(request),
        outcome: diff.length ? 'failed' : 'passed',
        ...(got !== undefined ? { got } : {}),
        diff: [...new Set(diff)],
      });
    };
    await probe('done', 'example', PLAIN, streamed(baseRequest(context, operation)));
    for (const code of schema.errorCodes.filter(isErrorCode)) {
      if (options.only && !options.only.has(code)) continue;
      if (options.simulate) {
        const request = streamed(baseRequest(context, operation));
        request.headers = {
          ...request.headers,
          'Errata-Simulate': code,
          'Errata-Simulate-After': String(SIMULATE_AFTER),
        };
        await probe(
          code,
          'simulate',
          `Errata-Simulate: ${code} after ${SIMULATE_AFTER} tokens`,
          request,
          SIMULATE_AFTER,
        );
      }
      const model = context.modelsFor[code];
      if (options.triggers && model) {
        const task = context.models.find((m) => m.id === model)?.task ?? 'text-generation';
        const request = streamed({
          ...baseRequest(context, operation),
          path: fillPath(operation.path, { model }),
          body: JSON.stringify(context.exampleInput(task) ?? {}),
        });
        await probe(code, 'trigger', `a streamed run of ${model} (modelsFor.${code})`, request);
      }
    }
  }
  return results;
}
