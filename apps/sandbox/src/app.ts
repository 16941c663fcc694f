/**
 * The sandbox as a Hono app. Routes come from the spec: every operation is registered at its
 * method and path, and each request goes through the same stages — request id, `Errata-Simulate`,
 * authentication, rate and concurrency limits, then the operation's handler. Anything thrown on
 * the way becomes an error envelope in one place (`onError`), and paths the spec does not define
 * answer ENDPOINT_NOT_FOUND.
 */
import { randomUUID } from 'node:crypto';
import { createSpecModel } from '@errata/spec-model';
import { loadSpec } from './internal/errata-spec.js';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { defaultOptions, type SandboxOptions } from './config.js';
import { listModels, getModel } from './handlers/models.js';
import { runModel } from './handlers/run.js';
import { cancelRequest, getRequestResult, getRequestStatus, submitRequest } from './handlers/queue.js';
import { uploadFile } from './handlers/files.js';
import { createFinetune } from './handlers/finetunes.js';
import type { Handler } from './handlers/handler.js';
import { ApiError } from './internal/api-error.js';
import { authenticate } from './internal/auth.js';
import { serveDocs } from './internal/docs.js';
import { compress } from 'hono/compress';
import type { SandboxEnv } from './internal/env.js';
import { errorResponse } from './internal/error-response.js';
import { redactKey, requestLog } from './internal/request-log.js';
import { simulatedError } from './internal/simulate.js';
import { streamFaultFrom } from './internal/stream-faults.js';
import { createState, type SandboxState } from './internal/state.js';

const handlers: Record<string, Handler> = { listModels, getModel, runModel, submitRequest, getRequestStatus, getRequestResult, cancelRequest, uploadFile, createFinetune };

const MULTIPART_SLACK = 64 * 1024;

/**
 * Builds the app and its in-memory state. `startSandbox` (server.ts) listens; tests may call
 * `app.request()` directly.
 *
 * @example
 * const { app } = createApp({ log: null });
 * const res = await app.request('/v1/models', { headers: { Authorization: 'Bearer sk_test_valid' } });
 */
export function createApp(overrides: Partial<SandboxOptions> = {}): { app: Hono<SandboxEnv>; state: SandboxState } {
  const options = { ...defaultOptions, ...overrides };
  const state = createState(options);
  const app = new Hono<SandboxEnv>();
  const fail = (c: Parameters<MiddlewareHandler<SandboxEnv>>[0], error: ApiError) => {
    // A limit hit while checking limits (or simulated before them): say how the window stands.
    if (error.code === 'RATE_LIMIT_EXCEEDED' && !c.get('rate')) c.set('rate', { limit: options.rateLimit, remaining: 0, resetSeconds: error.init.retryAfter ?? options.simulatedRetryAfter });
    return errorResponse(c, error.code, error.init, options.simulatedRetryAfter);
  };

  app.use('*', async (c, next) => {
    const id = `req_${randomUUID().replaceAll('-', '')}`;
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
    if (!c.res.headers.has('X-Request-Id')) c.res.headers.set('X-Request-Id', id);
  });
  if (options.log) app.use('*', requestLog(options.log));

  app.get('/docs', (c) => c.redirect('/docs/', 301));
  // The catalog page's size budget is counted in bytes transferred: gzip it like any static host would.
  app.get('/docs/*', compress(), (c) => serveDocs(c, options.docsDir));

  for (const operation of createSpecModel(loadSpec()).operations) {
    const handler = handlers[operation.operationId];
    if (!handler) throw new Error(`The sandbox has no handler for ${operation.operationId}`);
    const path = operation.path.replace(/\{(\w+)\}/g, ':$1');
    const stages: MiddlewareHandler<SandboxEnv>[] = [];
    // JSON bodies are limited where they are read (handlers/handler.ts readBody); multipart here.
    if (operation.requestBody?.contentType.startsWith('multipart/')) {
      stages.push(
        bodyLimit({
          maxSize: options.fileLimitBytes + MULTIPART_SLACK,
          onError: (c) => {
            c.set('operation', operation);
            // The body is left unread: the connection cannot carry another request.
            c.header('Connection', 'close');
            return fail(c, new ApiError('REQUEST_TOO_LARGE'));
          },
        }),
      );
    }
    stages.push(async (c) => {
      c.set('operation', operation);
      const simulate = c.req.header('errata-simulate');
      // A fault for later in a stream: the request goes through every stage like any other.
      const fault = streamFaultFrom(operation, (name) => c.req.header(name));
      c.set('streamFault', fault);
      if (simulate !== undefined && !fault) {
        return fail(c, simulatedError(operation, simulate, { params: c.req.param() as Record<string, string>, method: c.req.method, path: c.req.path, retryAfter: c.req.header('errata-simulate-retry-after') }));
      }
      const account = authenticate(c.req.header('authorization'), operation, state.keys);
      c.set('account', account);
      const rate = state.rate.take(account.id);
      c.set('rate', rate);
      c.header('RateLimit-Limit', String(rate.limit));
      c.header('RateLimit-Remaining', String(rate.remaining));
      c.header('RateLimit-Reset', String(rate.resetSeconds));
      return state.concurrency.run(account.id, (slot) => handler({ c, state, account, operation, slot }));
    });
    app.on(operation.method, [path], ...(stages as [MiddlewareHandler<SandboxEnv>]));
  }

  app.notFound((c) => fail(c, new ApiError('ENDPOINT_NOT_FOUND', { params: { method: c.req.method, path: c.req.path } })));
  app.onError((error, c) => {
    if (error instanceof ApiError) return fail(c, error);
    // The stack goes to the log, never to the client.
    options.log?.(redactKey(`${c.get('requestId')} unexpected error: ${error.stack ?? error.message}`));
    return fail(c, new ApiError('INTERNAL_ERROR'));
  });
  return { app, state };
}
