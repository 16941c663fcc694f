import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorInit } from '../catalog-error.js';
import type { ResponseContext } from '../envelope.js';
import type { ErrataServer } from '../errata-server.js';
import { errorTextOf } from '../internal/error-text.js';
import type { ErrataEnv } from './env.js';

const NO_INIT: ErrorInit = Object.freeze({});

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
  const context: ResponseContext = {
    requestId: staged ?? server.requestId(),
    operation: c.get('operation'),
    rateLimit: c.get('rateLimit'),
    accept: server.problemDetails === 'negotiate' ? c.req.header('accept') : undefined,
  };
  // The request-id stage already set its header: setting it again costs a Headers write on the
  // error path, the hottest path of a refusing server.
  const errorText = errorTextOf(server);
  if (errorText) {
    const { status, headers, text } = errorText(code, init ?? NO_INIT, context, staged !== undefined);
    return c.body(text, status as ContentfulStatusCode, headers);
  }
  // Another implementation of ErrataServer: its own error(). c.json sets the Content-Type (unless it is
  // problem details).
  const { status, headers, body } = server.error(code, init, context);
  if (headers['Content-Type'] === 'application/json') delete headers['Content-Type'];
  if (staged !== undefined) delete headers[server.requestIdHeader];
  return c.json(body, status as ContentfulStatusCode, headers);
}
