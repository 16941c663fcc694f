import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorInit } from '../catalog-error.js';
import type { ErrataServer } from '../errata-server.js';
import type { ErrataEnv } from './env.js';

/**
 * The response for `code` on this request: its request id, operation and rate window from `c.var`.
 *
 * @example
 * app.get('/v1/models/:model', (c) =>
 *   respond(c, server, 'MODEL_NOT_FOUND', { params: { model: c.req.param('model') } }),
 * );
 */
export function respond<Code extends string>(
  c: Context<ErrataEnv>,
  server: ErrataServer<Code>,
  code: Code,
  init?: ErrorInit,
): Response {
  const staged = c.get('requestId');
  const { status, headers, body } = server.error(code, init, {
    requestId: staged ?? server.requestId(),
    operation: c.get('operation'),
    rateLimit: c.get('rateLimit'),
    ...(server.problemDetails === 'negotiate' ? { accept: c.req.header('accept') } : {}),
  });
  // c.json sets the Content-Type (unless it is problem details), and the request-id stage already
  // set its header: setting them again costs a Headers write each on the error path, the hottest
  // path of a refusing server.
  if (headers['Content-Type'] === 'application/json') delete headers['Content-Type'];
  if (staged !== undefined) delete headers[server.requestIdHeader];
  return c.json(body, status as ContentfulStatusCode, headers);
}
