/**
 * The simulate stage: `Errata-Simulate: <CODE>` fails the request with that code, through the same
 * error path as real errors, so a client (or a conformance run) can see codes a test server cannot
 * cause. Off unless `enabled`: never mount it switched on in production. The message and details
 * are filled from the request (path parameters, method, path) and, where it cannot fill them, from
 * the code's own example in the spec. `Errata-Simulate-Retry-After` sets the wait (at most a day).
 */

import { templateParams } from '@errata/spec-model';
import type { Context, MiddlewareHandler } from 'hono';
import { CatalogError } from '../../catalog-error.js';
import { waitSeconds } from '../../envelope.js';
import type { ErrataServer } from '../../errata-server.js';
import { refuse } from '../../internal/refuse.js';
import type { ErrataEnv } from '../env.js';

export interface SimulateOptions<E extends ErrataEnv = ErrataEnv> {
  /** Whether the header is honoured (default false: the stage does nothing). */
  enabled?: boolean;
  /**
   * A code the operation does not declare: `ignore` it (default, the request runs and
   * `Errata-Simulate-Ignored` says why) or `answer` it, marked `Errata-Simulate-Undeclared`.
   */
  undeclared?: 'ignore' | 'answer';
  /** More template parameters for this request (e.g. when a daily quota resets). */
  params?: (c: Context<E>, code: string) => Record<string, string | number>;
  /** The wait when `Errata-Simulate-Retry-After` is not sent (default the server's `retryAfter`). */
  retryAfter?: (c: Context<E>, code: string) => number | undefined;
  /** Called with the error just before it is thrown (e.g. to set where a simulated rate window stands). */
  onSimulate?: (c: Context<E>, error: CatalogError) => void;
  /** Skip this request (e.g. the header asks for something later in a stream). */
  skip?: (c: Context<E>) => boolean;
}

type Example = { message?: string; details?: Record<string, unknown> };

/**
 * `Errata-Simulate` for the operation in `c.var.operation` (set `operation()` before it).
 *
 * @example
 * app.post('/v1/embeddings', operation(op), simulate(server, { enabled: process.env.ERRATA_SIMULATE === '1' }), h);
 */
export function simulate<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  options: SimulateOptions<E> = {},
): MiddlewareHandler<E> {
  if (!options.enabled)
    return async function simulateStage(_c, next) {
      await next();
    };
  const answerUndeclared = options.undeclared === 'answer';
  // Not async: the simulated error (the point of the header) is raised by refuse(), the error
  // handler's path without a throw where the request starts or an untracked rejection.
  return function simulateStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const requested = c.req.header('errata-simulate');
    const operation = c.get('operation');
    if (requested === undefined || !operation || options.skip?.(context)) return next();
    const code = requested.trim();
    const declared = server.model.declaredCodes(operation);
    const definition = server.model.errors.get(code);
    const ignore = (why: string) => {
      c.header('Errata-Simulate-Ignored', why);
      return next();
    };
    if (!definition) {
      const shown = JSON.stringify(code.slice(0, 64));
      if (!declared.has(server.codes.invalidRequest)) return ignore(`${shown} is not a catalog code`);
      const reason =
        `Errata-Simulate: ${shown} is not a catalog code; ` +
        `${operation.operationId} declares ${[...declared.keys()].join(', ')}`;
      return refuse(new CatalogError(server.codes.invalidRequest, { params: { reason } }));
    }
    if (!declared.has(code) && !answerUndeclared) return ignore(`${operation.operationId} does not declare ${code}`);
    const error = simulatedError(server, c, code, options.params?.(context, code), options.retryAfter?.(context, code));
    if (!declared.has(code))
      error.init.headers!['Errata-Simulate-Undeclared'] = `${operation.operationId} does not declare ${code}`;
    options.onSimulate?.(context, error);
    return refuse(error);
  };
}

/**
 * The error `Errata-Simulate: <code>` stands for on this request (also for a fault later in a
 * stream): the message and details filled from the request and `extra`, else from the code's example.
 *
 * @example
 * throw simulatedError(server, c, 'OVERLOADED');
 */
export function simulatedError<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  c: Context<E>,
  code: string,
  extra: Record<string, string | number> = {},
  defaultRetryAfter?: number,
): CatalogError {
  const definition = server.model.errors.get(code);
  if (!definition) throw new Error(`The catalog has no code ${code}`);
  const template = definition.meta.message;
  const example = (definition.examples[0] ?? {}) as Example;
  const params: Record<string, string | number> = {
    ...c.req.param(),
    method: c.req.method,
    path: c.req.path,
    ...extra,
  };
  const raw = c.req.header('errata-simulate-retry-after');
  const retryAfter = raw !== undefined && /^\d+$/.test(raw.trim()) ? waitSeconds(Number(raw)) : defaultRetryAfter;
  // A template the request cannot fill takes the spec example's message.
  const named = templateParams(template).filter((name) => name in params);
  const unfilled = named.length < templateParams(template).length;
  return new CatalogError(code, {
    params,
    ...(unfilled && example.message ? { message: example.message } : {}),
    // The example's details, with what this request states instead (a template parameter given wins).
    ...(example.details
      ? { details: { ...example.details, ...Object.fromEntries(named.map((name) => [name, params[name]])) } }
      : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    headers: { 'Errata-Simulated': code },
  });
}
