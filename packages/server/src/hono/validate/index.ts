/**
 * Validating a request against the spec: the operation's header parameters and its parsed body.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { CatalogError } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import { requestCheckOf } from '../../request-validator.js';
import type { ErrataEnv } from '../env.js';

export interface ValidateOptions<E extends ErrataEnv = ErrataEnv> {
  /**
   * The schema to validate against, per request (e.g. by the model's task); default the operation's
   * request body schema.
   */
  schema?: (c: Context<E>) => string | undefined;
  /** What to validate (default `c.var.body`), e.g. a form with its file replaced by its name. */
  value?: (c: Context<E>) => unknown;
}

/**
 * Validates the operation's header parameters and `c.var.body` against the spec; a violation
 * throws the CatalogError the spec's `x-error-code` rules name.
 *
 * @example
 * app.post(
 *   '/v1/finetunes',
 *   body(server, 'createFinetune', { limit: 1 << 20 }),
 *   validate(server, 'createFinetune'),
 *   handler,
 * );
 */
export function validate<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  operationId: string,
  options: ValidateOptions<E> = {},
): MiddlewareHandler<E> {
  const headers = server.headers(operationId);
  const hasBody = server.model.operation(operationId)?.requestBody !== undefined;
  // The check of each schema, looked up once per stage rather than by a key built per request.
  const checks = new Map<string | undefined, (value: unknown) => CatalogError | undefined>();
  const checkFor = (pointer: string | undefined) => {
    let found = checks.get(pointer);
    if (!found) {
      const validator = server.validator(operationId, pointer);
      // Another implementation of ErrataServer: its validator throws, which is the same refusal.
      found = requestCheckOf(validator) ?? ((value) => void validator(value));
      checks.set(pointer, found);
    }
    return found;
  };
  // Not async, and the refusal thrown here, where Hono's dispatch catches it: a rejected promise
  // would also run Node's unhandled-rejection bookkeeping, on a server's commonest refusal (a 400).
  return function validateStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    headers((name) => c.req.header(name));
    if (hasBody || options.schema) {
      const error = checkFor(options.schema?.(context))(options.value ? options.value(context) : c.get('body'));
      if (error) throw error;
    }
    return next();
  };
}
