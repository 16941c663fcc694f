/**
 * How a stage refuses a request through `app.onError` at the least cost. Where a request starts
 * (Node's HTTP parser calling into JS) a `throw` makes V8 build a message object for it, with the
 * location of the throw, and a promise rejected before anyone awaits it makes Node record it as a
 * possibly unhandled rejection and then forget it again. One microtask later Hono is awaiting the
 * stage: the rejection is expected, and a throw inside a microtask builds no message.
 */
import type { CatalogError } from '../catalog-error.js';

/**
 * A promise that rejects with `error` one microtask from now.
 *
 * @example
 * if (key === undefined) return refuse(missing);
 */
export async function refuse(error: CatalogError): Promise<never> {
  await undefined;
  throw error;
}
