// Errata-Simulate: fail this request with the named code, through the same error path as real
// errors. Details and, when the template needs values the request cannot supply, the message come
// from the code's example in the spec. A code the operation does not declare is still answered
// (the caller asked for it) and marked with `Errata-Simulate-Undeclared`. A string that is no
// catalog code answers INVALID_REQUEST listing the codes this operation declares — where the
// operation declares INVALID_REQUEST; elsewhere (the GETs declare no 400) the header is ignored,
// `Errata-Simulate-Ignored` says why, and the request runs as if it had not been sent.
import { CatalogError, fillTemplate, templateParams } from '@errata/server';
import type { SpecOperation } from '@errata/spec-model';
import { dailyReset, namesDailyReset } from './daily-reset.js';
import { model } from './spec.js';

type Example = { message?: string; details?: Record<string, unknown> };

export interface SimulateRequest {
  params: Record<string, string>;
  method: string;
  path: string;
  retryAfter: string | undefined;
  /** The sandbox clock's time (ms), for a daily allocation's reset. */
  now: number;
}

/**
 * The error `Errata-Simulate: <requested>` asks for, or a header saying why it was ignored.
 *
 * @example
 * simulatedError(listModels, 'RATE_LIMIT_EXCEEDED', request); // { error: CatalogError RATE_LIMIT_EXCEEDED }
 * simulatedError(listModels, 'NOPE', request);                // { ignored: '"NOPE" is not a catalog code' }
 */
export function simulatedError(
  operation: SpecOperation,
  requested: string,
  request: SimulateRequest,
): { error: CatalogError } | { ignored: string } {
  const code = requested.trim();
  const declared = model.declaredCodes(operation);
  const definition = model.errors.get(code);
  if (!definition) {
    const reason =
      `Errata-Simulate: ${JSON.stringify(code)} is not a catalog code; ` +
      `${operation.operationId} declares ${[...declared.keys()].join(', ')}`;
    if (!declared.has('INVALID_REQUEST')) return { ignored: `${JSON.stringify(code)} is not a catalog code` };
    throw new CatalogError('INVALID_REQUEST', { params: { reason } });
  }
  const example = (definition.examples[0] ?? {}) as Example;
  const reset = namesDailyReset(definition.meta.message) ? dailyReset(request.now) : undefined;
  const params = {
    ...request.params,
    method: request.method,
    path: request.path,
    ...(reset ? { resets_at: reset.at } : {}),
  };
  const formatted = fillTemplate(definition.meta.message, params);
  const retryAfter =
    request.retryAfter !== undefined && /^\d+$/.test(request.retryAfter) ? Number(request.retryAfter) : reset?.seconds;
  return {
    error: new CatalogError(code, {
      params,
      // A template the request cannot fill takes the spec example's message.
      ...(/\{\w+\}/.test(formatted) && example.message ? { message: example.message } : {}),
      // The example's details, with what this request states instead (a template parameter given wins).
      ...(example.details
        ? {
            details: {
              ...example.details,
              ...Object.fromEntries(
                templateParams(definition.meta.message)
                  .filter((name) => name in params)
                  .map((name) => [name, params[name as keyof typeof params]]),
              ),
            },
          }
        : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      headers: {
        'Errata-Simulated': code,
        ...(declared.has(code)
          ? {}
          : { 'Errata-Simulate-Undeclared': `${operation.operationId} does not declare ${code}` }),
      },
    }),
  };
}
