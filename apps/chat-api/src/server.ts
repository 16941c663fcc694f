// Starting Chat API on a real socket with the kit's safe server: parser refusals and slow headers
// answered with the envelope, the startup check run.
import { type ServedApp, serve } from '@errata/server/node';
import { type ChatApiOptions, createChatApi } from './app.js';
import { server } from './spec.js';

export interface StartOptions extends ChatApiOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** How long a client may take to send its headers, in ms (default the kit's 10 s). */
  headersTimeoutMs?: number;
}

/**
 * Starts Chat API on 127.0.0.1; resolves once it listens.
 *
 * @example
 * const api = await startChatApi({ port: 0 });
 * await api.close();
 */
export function startChatApi(options: StartOptions = {}): Promise<ServedApp> {
  return serve({
    fetch: createChatApi(options).fetch,
    errata: server,
    port: options.port ?? 8787,
    ...(options.headersTimeoutMs !== undefined
      ? { headersTimeoutMs: options.headersTimeoutMs, timeoutCheckMs: Math.min(1_000, options.headersTimeoutMs) }
      : {}),
  });
}
