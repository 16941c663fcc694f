/**
 * Validating a request against the spec: the operation's header parameters and its parsed body.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ErrataServer } from '../../errata-server.js';
import type { RequestValidator } from '../../request-validator.js';
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
  // The validator of each schema, looked up once per stage rather than by a key built per request.
  const validators = new Map<string | undefined, RequestValidator>();
  const validatorFor = (pointer: string | undefined) => {
    let found = validators.get(pointer);
    if (!found) {
      found = server.validator(operationId, pointer);
      validators.set(pointer, found);
    }
    return found;
  };
  return async function validateStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    headers((name) => c.req.header(name));
    if (hasBody || options.schema)
      validatorFor(options.schema?.(context))(options.value ? options.value(context) : c.get('body'));
    await next();
  };
}
