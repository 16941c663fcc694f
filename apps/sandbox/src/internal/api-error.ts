// The one way any stage fails a request: throw an ApiError with a catalog code. `errorResponse`
// (error-response.ts) turns it into the envelope, so real and simulated errors share one path.
import type { ErrorCode } from '@errata/types';

export interface ApiErrorInit {
  /** Values for the code's message template (`{model}`, `{field}`…). */
  params?: Record<string, string | number>;
  details?: Record<string, unknown>;
  /** Seconds for `Retry-After` / `retry_after`. */
  retryAfter?: number;
  /** Use this message instead of the template (simulated errors fall back on the spec's example). */
  message?: string;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly init: ApiErrorInit;

  constructor(code: ErrorCode, init: ApiErrorInit = {}) {
    // An ApiError is an answer, not a bug: its stack is never shown or logged, so skip capturing
    // it (the error path is the sandbox's hot path; see bench/run.mjs).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.init = init;
  }
}
