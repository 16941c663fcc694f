/**
 * Types that answer "which errors can this operation return?" from the generated operations,
 * by status or all together, so code can narrow on `error.code` or on `error.status`.
 */

import type { ErrorCode } from './catalog.js';
import type { components, operations } from './generated/openapi.js';

/** Every operation id in the spec. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type ProblemBody<R> = R extends { content: { 'application/problem+json': infer B } } ? B : never;

/** The HTTP error statuses (4xx, 5xx) an operation declares. */
export type OperationErrorStatus<Op extends OperationId> =
  Extract<keyof Responses<Op>, number> extends infer S
    ? S extends number
      ? `${S}` extends `4${string}` | `5${string}`
        ? S
        : never
      : never
    : never;

/**
 * The error bodies an operation can return: under one status, or (by default) under any.
 *
 * @example
 * type RunRateLimits = OperationError<'runModel', 429>; // RATE_LIMIT_EXCEEDED | CONCURRENT_LIMIT_EXCEEDED | …
 */
export type OperationError<
  Op extends OperationId,
  S extends OperationErrorStatus<Op> = OperationErrorStatus<Op>,
> = S extends keyof Responses<Op> ? JsonBody<Responses<Op>[S]> : never;

/** The codes an operation can return (optionally under one status). */
export type OperationErrorCode<Op extends OperationId, S extends OperationErrorStatus<Op> = OperationErrorStatus<Op>> =
  OperationError<Op, S> extends { code: infer C } ? C : never;

/** The body of one error code. */
export type ErrorBody<C extends ErrorCode> = components['schemas'][C];

/** Any error body the API defines. */
export type AnyErrorBody = { [C in ErrorCode]: ErrorBody<C> }[ErrorCode];

/**
 * An error body as RFC 9457 problem details (`application/problem+json`, which a server sends when
 * the request's `Accept` asks for it): the code's envelope plus `type` (its `doc_url`), `title`,
 * `detail` (its `message`) and `instance` (its `request_id`).
 *
 * @example
 * const problem = {} as ProblemDetails<'MODEL_NOT_FOUND'>;
 * problem.detail === problem.message; // true of every Errata server's answer
 */
export type ProblemDetails<C extends ErrorCode = ErrorCode> = components['schemas']['ProblemDetails'] &
  { [K in C]: ErrorBody<K> }[C];

/**
 * The problem details an operation can return (`application/problem+json`), under one status or any.
 *
 * @example
 * type RunProblems = OperationProblemDetails<'runModel', 429>; // ProblemDetails & (RATE_LIMIT_EXCEEDED | …)
 */
export type OperationProblemDetails<
  Op extends OperationId,
  S extends OperationErrorStatus<Op> = OperationErrorStatus<Op>,
> = S extends keyof Responses<Op> ? ProblemBody<Responses<Op>[S]> : never;
