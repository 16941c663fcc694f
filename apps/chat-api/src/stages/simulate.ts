import { CatalogError, fillTemplate, templateParams } from '@errata/server';
import type { ErrataEnv } from '@errata/server/hono';
import type { Context, MiddlewareHandler } from 'hono';
import { server } from '../spec.js';

type Example = { message?: string; details?: Record<string, unknown> };

/**
 * `Errata-Simulate: <CODE>`: fail with a code the operation declares, through the same error path
 * as real errors, with the details of the code's own example in the spec (so the CI can probe
 * codes the test server cannot cause). Any other value is ignored. Off in production: mount it
 * only where `ERRATA_SIMULATE` is set.
 *
 * @example
 * app.post('/v1/embeddings', operation(op), simulate(), handler);
 */
export function simulate(): MiddlewareHandler<ErrataEnv> {
  return async function simulateStage(c: Context<ErrataEnv>, next) {
    const code = c.req.header('errata-simulate')?.trim();
    const operation = c.get('operation');
    if (!code || !operation || !server.model.declaredCodes(operation).has(code)) return next();
    const definition = server.model.errors.get(code)!;
    const example = (definition.examples[0] ?? {}) as Example;
    const params = Object.fromEntries(
      templateParams(definition.meta.message)
        .map((name) => [name, example.details?.[name] as string | number])
        .filter(([, v]) => v !== undefined),
    );
    const filled = fillTemplate(definition.meta.message, params);
    throw new CatalogError(code, {
      params,
      ...(/\{\w+\}/.test(filled) && example.message ? { message: example.message } : {}),
      ...(example.details ? { details: example.details } : {}),
    });
  };
}
