/**
 * A deliberately non-conformant Chat API, for the test that proves the adopter checks catch it:
 * its error handler answers the provider's own nested shape (`{ "error": { "message", "type" } }`)
 * instead of the envelope, and error responses lose `X-Request-Id`. Never served for real.
 */

import { type ErrataServer, isCatalogError } from '@errata/server';
import type { ErrataEnv } from '@errata/server/hono';
import type { ErrorHandler, MiddlewareHandler } from 'hono';
import { type ChatApiOptions, createChatApi } from '../app.js';
import { server } from '../spec.js';

function nestedErrors(kit: ErrataServer): ErrorHandler<ErrataEnv> {
  return (error, c) => {
    const code = isCatalogError(error) && kit.isCode(error.code) ? error.code : 'INTERNAL_ERROR';
    const { status, body } = kit.error(code, isCatalogError(error) ? error.init : {});
    return c.json({ error: { message: body.message, type: code.toLowerCase() } }, status as 400);
  };
}

// Outermost, so it runs after the request-id stage has set the header.
const dropRequestId: MiddlewareHandler<ErrataEnv> = async (c, next) => {
  await next();
  if (c.res.status >= 400) c.res.headers.delete('X-Request-Id');
};

/**
 * The Chat API with its errors in its own nested shape and no X-Request-Id on them.
 *
 * @example
 * serve({ fetch: createNestedErrorsChatApi({ simulate: true }).fetch, port: 0 });
 */
export function createNestedErrorsChatApi(options: ChatApiOptions = {}) {
  return createChatApi({ ...options, onError: nestedErrors(server), outer: [dropRequestId] });
}
