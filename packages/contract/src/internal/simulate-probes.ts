// Probes through `Errata-Simulate`: every code each operation declares, asked for on that
// operation, with an otherwise valid request. The response must be that code, with the status and
// headers the operation declares for it.
import type { SpecOperation } from '@errata/spec-model';
import { catalog, type ErrorCode, isErrorCode } from '@errata/types';
import type { ProbeResult } from '../report.js';
import { describeRequest, fillPath, gotOf, type RequestSpec, send } from './http.js';
import type { SuiteContext } from './suite-context.js';

/** The request id used where an operation needs one: well-formed, and not expected to exist. */
export const PLACEHOLDER_REQUEST_ID = 'req_errataContract0000';

/** A valid-looking request for an operation: auth, path parameters and an example body. */
export function baseRequest(context: SuiteContext, operation: SpecOperation): RequestSpec {
  const task = context.plainModel('text-generation')
    ? 'text-generation'
    : (context.models[0]?.task ?? 'text-generation');
  const model = context.plainModel(task)?.id ?? context.models[0]?.id ?? 'echo-1';
  const request: RequestSpec = {
    method: operation.method,
    path: fillPath(operation.path, { model, request_id: PLACEHOLDER_REQUEST_ID }),
    headers: { ...context.auth() },
  };
  const body = operation.requestBody;
  if (body?.contentType === 'application/json') {
    request.headers!['Content-Type'] = 'application/json';
    request.body = JSON.stringify(
      operation.operationId === 'runModel' || operation.operationId === 'submitRequest'
        ? (context.exampleInput(task) ?? body.examples[0] ?? {})
        : (body.examples[0] ?? {}),
    );
  } else if (body?.contentType === 'multipart/form-data') {
    request.body = context.exampleForm(operation);
  }
  return request;
}

export async function runSimulateProbes(
  context: SuiteContext,
  operations: SpecOperation[],
  only: Set<ErrorCode> | undefined,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const operation of operations) {
    for (const code of [...context.model.declaredCodes(operation).keys()].filter(isErrorCode)) {
      if (only && !only.has(code)) continue;
      const request = baseRequest(context, operation);
      request.headers = { ...request.headers, 'Errata-Simulate': code };
      let diff: string[];
      let got: string | undefined;
      try {
        const response = await send(context, request);
        got = gotOf(response);
        diff = context.checker.check(operation, response, { code });
      } catch (error) {
        diff = [`request failed: ${(error as Error).message}`];
      }
      results.push({
        section: 'errors',
        operationId: operation.operationId,
        code,
        via: 'simulate',
        proof: 'simulated',
        cause: `Errata-Simulate: ${code}`,
        request: describeRequest(request),
        outcome: diff.length ? 'failed' : 'passed',
        expected: `${catalog[code].status} ${code}`,
        ...(got !== undefined ? { got } : {}),
        diff: [...new Set(diff)],
      });
    }
  }
  return results;
}
