/**
 * The sandbox as a Hono app. Routes come from the spec: every operation is registered at its
 * method and path with the same named stages (stages.ts) around the kit's (@errata/server/hono):
 * requestId → operation → simulate → authenticate → rateLimit → concurrency → [resolveModel] →
 * [body → validate] → handler. Anything thrown on the way becomes an error envelope in one place
 * (the kit's errorHandler), and paths the spec does not define answer ENDPOINT_NOT_FOUND.
 */
import { body, errorHandler, notFound, operation as operationStage, requestId, validate } from '@errata/server/hono';
import { taskInputSchemas } from '@errata/types';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { defaultOptions, type SandboxOptions } from './config.js';
import { uploadFile } from './handlers/files.js';
import { createFinetune } from './handlers/finetunes.js';
import type { Handler } from './handlers/handler.js';
import { getModel, listModels } from './handlers/models.js';
import { cancelRequest, getRequestResult, getRequestStatus, submitRequest } from './handlers/queue.js';
import { runModel } from './handlers/run.js';
import { serveDocs } from './internal/docs.js';
import type { SandboxEnv } from './internal/env.js';
import { redactLog } from './internal/redact-log.js';
import { requestLog } from './internal/request-log.js';
import { model } from './internal/spec.js';
import { createState, type SandboxState } from './internal/state.js';
import {
  authenticate,
  concurrency,
  dispatch,
  rateLimit,
  refuseImageStream,
  requireFilePart,
  resolveModel,
  simulate,
} from './stages.js';

const handlers: Record<string, Handler> = {
  listModels,
  getModel,
  runModel,
  submitRequest,
  getRequestStatus,
  getRequestResult,
  cancelRequest,
  uploadFile,
  createFinetune,
};

/** Operations that run a model: they resolve it (and its input schema) from the path. */
const RUNS = new Set(['runModel', 'submitRequest']);
/** Room for the multipart framing around a file of the maximum size. */
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
  const { server } = state;
  const app = new Hono<SandboxEnv>();

  app.use('*', requestId(server));
  if (options.log) app.use('*', requestLog(options.log));

  app.get('/docs', (c) => c.redirect('/docs/', 301));
  // The catalog page's size budget is counted in bytes transferred: gzip it like any static host would.
  app.get('/docs/*', compress(), (c) => serveDocs(c, options.docsDir));

  for (const operation of model.operations) {
    const handler = handlers[operation.operationId];
    if (!handler) throw new Error(`The sandbox has no handler for ${operation.operationId}`);
    const id = operation.operationId;
    const multipart = operation.requestBody?.contentType.startsWith('multipart/') ?? false;
    const stages: MiddlewareHandler<SandboxEnv>[] = [
      operationStage(operation),
      simulate(state, operation),
      authenticate(state, operation),
      rateLimit(state),
      concurrency(state),
    ];
    if (RUNS.has(id)) stages.push(resolveModel(state));
    // One body limit for JSON and multipart; a file over its own limit but within the slack is
    // FILE_TOO_LARGE (files.ts).
    if (operation.requestBody)
      stages.push(
        body(server, id, { limit: multipart ? options.fileLimitBytes + MULTIPART_SLACK : options.bodyLimitBytes }),
      );
    if (id === 'runModel') stages.push(refuseImageStream);
    if (multipart) stages.push(requireFilePart);
    stages.push(
      validate(server, id, {
        ...(RUNS.has(id)
          ? { schema: (c) => taskInputSchemas[c.get('model').task as keyof typeof taskInputSchemas] }
          : {}),
        // The schema sees an uploaded file as a (binary) string: its name stands in for it.
        ...(multipart
          ? {
              value: (c) => {
                const form = c.get('body') as Record<string, unknown>;
                return { ...form, file: form.file instanceof File ? form.file.name : undefined };
              },
            }
          : {}),
      }),
      dispatch(state, operation, handler),
    );
    app.on(
      operation.method,
      [operation.path.replace(/\{(\w+)\}/g, ':$1')],
      ...(stages as [MiddlewareHandler<SandboxEnv>]),
    );
  }

  app.notFound(notFound(server));
  // The stack goes to the log (keys redacted), never to the client.
  app.onError(errorHandler(server, { log: options.log ? (line) => options.log!(redactLog(line)) : null }));
  return { app, state };
}
