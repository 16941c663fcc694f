/**
 * Chat API in the middle of a migration from nested errors: every error body is the envelope plus
 * the nested `{ "error": { "message", "type", "code" } }` its old clients read (the kit's
 * `legacyError`). Conformant: new clients switch on `code`, old ones keep reading `error.message`.
 */
import { createErrataServer } from '@errata/server';
import { errorHandler } from '@errata/server/hono';
import { type ChatApiOptions, createChatApi } from '../app.js';
import { server } from '../spec.js';

const dual = createErrataServer({
  spec: server.model.document,
  legacyError: (envelope) => ({
    message: envelope.message,
    type: envelope.category,
    code: envelope.code.toLowerCase(),
  }),
});

/**
 * The Chat API with both shapes in every error body.
 *
 * @example
 * serve({ fetch: createDualShapeChatApi({ simulate: true }).fetch, port: 0 });
 */
export function createDualShapeChatApi(options: ChatApiOptions = {}) {
  return createChatApi({ ...options, onError: errorHandler(dual, { log: null }) });
}
