// Errata-Simulate: fail this request with the named code, through the same error path as real
// errors. Details and, when the template needs values the request cannot supply, the message come
// from the code's example in the spec. A code the operation does not declare is still answered
// (the caller asked for it) and marked with `Errata-Simulate-Undeclared`; a string that is no
// catalog code answers INVALID_REQUEST listing the codes this operation declares.
import { createSpecModel, type SpecOperation } from '@errata/spec-model';
import { isErrorCode, type ErrorCode } from '@errata/types';
import { formatMessage } from '@errata/types/texts';
import { ApiError } from './api-error.js';
import { loadSpec } from './errata-spec.js';

type ErrorSchema = { examples?: { message?: string; details?: Record<string, unknown> }[] };

const examples = new Map<ErrorCode, NonNullable<ErrorSchema['examples']>[number]>();
function exampleOf(code: ErrorCode) {
  let example = examples.get(code);
  if (!example) examples.set(code, (example = (createSpecModel(loadSpec()).errors.get(code)?.examples[0] as NonNullable<ErrorSchema['examples']>[number] | undefined) ?? {}));
  return example;
}

export function simulatedError(operation: SpecOperation, requested: string, request: { params: Record<string, string>; method: string; path: string; retryAfter: string | undefined }): ApiError {
  const code = requested.trim();
  const declared = createSpecModel(loadSpec()).declaredCodes(operation);
  if (!isErrorCode(code)) {
    throw new ApiError('INVALID_REQUEST', {
      params: { reason: `Errata-Simulate: ${JSON.stringify(code)} is not a catalog code; ${operation.operationId} declares ${[...declared.keys()].join(', ')}` },
    });
  }
  const example = exampleOf(code);
  const params = { ...request.params, method: request.method, path: request.path };
  const formatted = formatMessage(code as ErrorCode, params);
  const retryAfter = request.retryAfter !== undefined && /^\d+$/.test(request.retryAfter) ? Number(request.retryAfter) : undefined;
  return new ApiError(code, {
    params,
    // The message is formatted here once; errorResponse uses it as is.
    message: /\{\w+\}/.test(formatted) && example.message ? example.message : formatted,
    ...(example.details ? { details: example.details } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    headers: {
      'Errata-Simulated': code,
      ...(declared.has(code) ? {} : { 'Errata-Simulate-Undeclared': `${operation.operationId} does not declare ${code}` }),
    },
  });
}
