/**
 * @errata/server/node — the kit on a Node socket, safe by default (parser hooks, timeouts, the
 * startup check).
 *
 * @example
 * import { serve } from '@errata/server/node';
 * await serve({ fetch: app.fetch, errata: server, port: 3000 });
 */

export type { ServedApp, ServeOptions } from './serve.js';
export { describeFinding, serve } from './serve.js';
