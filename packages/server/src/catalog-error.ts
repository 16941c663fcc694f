/**
 * The one way server code fails a request: throw a `CatalogError` naming a catalog code. The
 * error handler (or your own) turns it into the envelope with `server.error()`, so real and
 * simulated errors share one path.
 */

/** What a response for a code needs beyond the catalog. */
export interface ErrorInit {
  /** Values for the code's message template (`{model}`, `{field}`…); each also lands in `details`. */
  params?: Record<string, string | number>;
  /** Structured context; wins over a template parameter of the same name. */
  details?: Record<string, unknown>;
  /**
   * Seconds for `Retry-After` / `retry_after` (codes whose policy is to wait, or whose response requires the header).
   */
  retryAfter?: number;
  /** Use this message instead of the filled template. */
  message?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/**
 * A request failed with a catalog code. Its stack is never captured: it is an answer, not a bug,
 * and the error path is a server's hot path.
 *
 * @example
 * throw new CatalogError('MODEL_NOT_FOUND', { params: { model: 'echo-9' } });
 */
export class CatalogError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly init: ErrorInit;

  constructor(code: Code, init: ErrorInit = {}) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.name = 'CatalogError';
    this.code = code;
    this.init = init;
  }
}

/**
 * Whether `value` is a thrown catalog error (also across copies of this package).
 *
 * @example
 * if (isCatalogError(error)) return server.error(error.code, error.init);
 */
export function isCatalogError(value: unknown): value is CatalogError {
  return (
    value instanceof CatalogError ||
    (value instanceof Error && value.name === 'CatalogError' && typeof (value as CatalogError).code === 'string')
  );
}
