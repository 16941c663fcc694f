// Probes of streamed responses, on every selected operation that declares a `text/event-stream`
// 200 (runModel): one plain stream that must end with `done`; for every code the spec allows
// mid-stream, `Errata-Simulate: <CODE>` with `Errata-Simulate-After: <n>`, which must end with that
// code's error event after at most n tokens; and the models named in `modelsFor` for those codes,
// which may fail before the stream (an ordinary error response) or in it (an error event).
import type { SpecOperation } from '@errata/spec-model';
import { type ErrorCode, isErrorCode } from '@errata/types';
import { createStreamChecker, type StreamEnding } from '../check-stream.js';
import type { StreamProbeResult } from '../report.js';
import { describeRequest, fillPath, type RequestSpec, sendStream } from './http.js';
import { baseRequest } from './simulate-probes.js';
import type { SuiteContext } from './suite-context.js';

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
): Promise<{ results: StreamProbeResult[]; unavailable: string | undefined }> {
  const checker = createStreamChecker(context.spec, context.ajv, context.checker);
  const results: StreamProbeResult[] = [];
  const text = context.plainModel('text-generation');
  let unavailable: string | undefined;
  for (const operation of operations) {
    const schema = context.model.streamEvents.get(operation.operationId);
    if (!schema) continue;
    if (!text) {
      unavailable = 'listModels shows no public text-generation model without an agreement to stream';
      continue;
    }
    const probe = async (
      ending: StreamEnding,
      via: StreamProbeResult['via'],
      request: RequestSpec,
      maxTokens?: number,
    ) => {
      let diff: string[];
      try {
        diff = checker.check(operation, await sendStream(context, request), {
          ending,
          ...(maxTokens !== undefined ? { maxTokens } : {}),
        });
      } catch (error) {
        diff = [`request failed: ${(error as Error).message}`];
      }
      results.push({
        operationId: operation.operationId,
        ending,
        via,
        request: describeRequest(request),
        outcome: diff.length ? 'failed' : 'passed',
        diff,
      });
    };
    await probe('done', 'plain', streamed(baseRequest(context, operation)));
    for (const code of schema.errorCodes.filter(isErrorCode)) {
      if (options.only && !options.only.has(code)) continue;
      if (options.simulate) {
        const request = streamed(baseRequest(context, operation));
        request.headers = {
          ...request.headers,
          'Errata-Simulate': code,
          'Errata-Simulate-After': String(SIMULATE_AFTER),
        };
        await probe(code, 'simulate', request, SIMULATE_AFTER);
      }
      const model = context.modelsFor[code];
      if (options.triggers && model) {
        const task = context.models.find((m) => m.id === model)?.task ?? 'text-generation';
        const request = streamed({
          ...baseRequest(context, operation),
          path: fillPath(operation.path, { model }),
          body: JSON.stringify(context.exampleInput(task) ?? {}),
        });
        await probe(code, 'trigger', request);
      }
    }
  }
  return { results, unavailable };
}
