// The stream rows of Errata's trigger pack: the models named in `modelsFor` for the codes the spec
// allows mid-stream, run streamed. Such a model may fail before the stream (an ordinary error
// response) or in it (an error event). The plain and simulated streams are the generic planner's.
import type { SpecOperation } from '@errata/spec-model';
import { type ErrorCode, isErrorCode } from '@errata/types';
import type { StreamChecker } from '../check-stream.js';
import type { ProbeResult } from '../report.js';
import { baseRequest } from './base-request.js';
import { describeRequest, fillPath, gotOf, type RequestSpec, sendStream } from './http.js';
import type { SuiteContext } from './suite-context.js';

function streamed(request: RequestSpec): RequestSpec {
  const body = typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  return {
    ...request,
    headers: { ...request.headers, Accept: 'text/event-stream' },
    body: JSON.stringify({ ...body, stream: true }),
  };
}

/** One row per mid-stream code a `modelsFor` model causes, on each selected operation that streams. */
export async function runStreamTriggers(
  context: SuiteContext,
  checker: StreamChecker,
  operations: SpecOperation[],
  only: Set<ErrorCode> | undefined,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const operation of operations) {
    const schema = context.model.streamEvents.get(operation.operationId);
    for (const code of (schema?.errorCodes ?? []).filter(isErrorCode)) {
      const model = context.modelsFor[code];
      if ((only && !only.has(code)) || !model) continue;
      const task = context.models.find((m) => m.id === model)?.task ?? 'text-generation';
      const request = streamed({
        ...baseRequest(context, operation),
        path: fillPath(operation.path, { model }),
        body: JSON.stringify(context.exampleInput(task) ?? {}),
      });
      let diff: string[];
      let got: string | undefined;
      try {
        const response = await sendStream(context, request);
        got = gotOf(response);
        diff = checker.check(operation, response, { ending: code });
      } catch (error) {
        diff = [`request failed: ${(error as Error).message}`];
      }
      results.push({
        section: 'streams',
        operationId: operation.operationId,
        code,
        via: 'trigger',
        proof: 'real',
        cause: `a streamed run of ${model} (modelsFor.${code})`,
        expected: `a stream ending in error ${code}`,
        request: describeRequest(request),
        outcome: diff.length ? 'failed' : 'passed',
        ...(got !== undefined ? { got } : {}),
        diff: [...new Set(diff)],
      });
    }
  }
  return results;
}
