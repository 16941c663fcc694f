// The valid-looking request of an Errata operation that the trigger pack and the fuzzer start from:
// the suite's key, a model listModels shows, a placeholder request id, a body the model's task accepts.
import type { SpecOperation } from '@errata/spec-model';
import { fillPath, type RequestSpec } from './http.js';
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
