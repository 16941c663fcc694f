/**
 * The sandbox as a Hono app. Routes come from the spec: every operation is registered at its
 * method and path with the same named stages, the kit's (@errata/server/hono) around the sandbox's
 * own (stages.ts): requestId → [requestLog] → operation → streamFaults → simulate → auth →
 * rateLimit → concurrency → [resolveModel] → [body → checks → validate → idempotency] → handler.
 * Anything thrown on the way becomes an error envelope in one place (the kit's errorHandler), and
 * paths the spec does not define answer ENDPOINT_NOT_FOUND.
 */

import {
  auth,
  body,
  errorHandler,
  idempotency,
  notFound,
  operation as operationStage,
  rateLimit,
  requestId,
  requestLog,
  simulate,
  validate,
} from '@errata/server/hono';
import type { SpecOperation } from '@errata/spec-model';
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
import { lookupAccount } from './internal/accounts.js';
import { dailyReset, namesDailyReset } from './internal/daily-reset.js';
import { serveDocs } from './internal/docs.js';
import type { SandboxEnv } from './internal/env.js';
import { redactLog } from './internal/redact-log.js';
import { model } from './internal/spec.js';
import { createState, type SandboxState } from './internal/state.js';
import { concurrency, dispatch, refuseImageStream, requireFilePart, resolveModel, streamFaults } from './stages.js';

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

type Stage = MiddlewareHandler<SandboxEnv>;

/** Operations that run a model: they resolve it (and its input schema) from the path. */
const RUNS = new Set(['runModel', 'submitRequest']);
/** Room for the multipart framing around a file of the maximum size. */
const MULTIPART_SLACK = 64 * 1024;

const takesIdempotencyKey = (operation: SpecOperation) =>
  operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

/** The stages every operation shares, up to its model: who calls, how often, how many at once. */
function callerStages(state: SandboxState, operation: SpecOperation): Stage[] {
  const { server, options } = state;
  return [
    operationStage(operation),
    streamFaults(operation),
    // Answers before anything else (no key needed), so any code can be seen with any key.
    simulate(server, {
      enabled: true,
      undeclared: 'answer',
      skip: (c) => c.get('streamFault') !== undefined,
      // A daily allocation's message names when it comes back (00:00 UTC).
      params: (_c, code): Record<string, string> =>
        namesDailyReset(model.errors.get(code)?.meta.message ?? '')
          ? { resets_at: dailyReset(options.clock.now()).at }
          : {},
      retryAfter: (_c, code) =>
        namesDailyReset(model.errors.get(code)?.meta.message ?? '')
          ? dailyReset(options.clock.now()).seconds
          : undefined,
      // A simulated limit says how a (full) window stands, as a real one would.
      onSimulate: (c, error) => {
        if (model.errors.get(error.code)?.meta.status !== 429) return;
        const reset = error.init.retryAfter ?? options.simulatedRetryAfter;
        c.set('rateLimit', { limit: options.rateLimit, remaining: 0, reset });
      },
    }),
    auth(server, { lookup: lookupAccount }),
    rateLimit(server, { take: (caller) => state.rate(caller) }),
    concurrency(state),
  ];
}

/** The stages of an operation's body: read under its limits, checked, validated, made idempotent. */
function bodyStages(state: SandboxState, operation: SpecOperation): Stage[] {
  const { server, options } = state;
  const id = operation.operationId;
  const multipart = operation.requestBody?.contentType.startsWith('multipart/') ?? false;
  const stages: Stage[] = [];
  // One body limit for JSON and multipart; an upload over it is FILE_TOO_LARGE, as is a file over
  // its own limit within the slack (files.ts).
  if (operation.requestBody)
    stages.push(
      body(server, id, {
        limit: multipart ? options.fileLimitBytes + MULTIPART_SLACK : options.bodyLimitBytes,
        timers: options.bodyClock,
        timeoutMs: options.bodyTimeoutMs,
        ...(multipart ? { tooLarge: fileTooLarge(options.fileLimitBytes) } : {}),
      }),
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
  );
  if (takesIdempotencyKey(operation)) stages.push(idempotency(server, { store: state.idempotency }));
  return stages;
}

const fileTooLarge = (maxBytes: number) => ({
  code: 'FILE_TOO_LARGE',
  init: {
    params: { max_bytes: maxBytes },
    details: { field: 'file', issue: `the upload is over the limit of ${maxBytes} bytes` },
  },
});

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
  const log = options.log ? (line: string) => options.log!(redactLog(line)) : null;

  app.use('*', requestId(server));
  if (log) app.use('*', requestLog(log));

  app.get('/docs', (c) => c.redirect('/docs/', 301));
  // The catalog page's size budget is counted in bytes transferred: gzip it like any static host would.
  app.get('/docs/*', compress(), (c) => serveDocs(c, options.docsDir));

  for (const operation of model.operations) {
    const handler = handlers[operation.operationId];
    if (!handler) throw new Error(`The sandbox has no handler for ${operation.operationId}`);
    const stages = [
      ...callerStages(state, operation),
      ...(RUNS.has(operation.operationId) ? [resolveModel(state)] : []),
      ...bodyStages(state, operation),
      dispatch(state, operation, handler),
    ];
    app.on(operation.method, [operation.path.replace(/\{(\w+)\}/g, ':$1')], ...(stages as [Stage]));
  }

  app.notFound(notFound(server));
  // The stack goes to the log (keys redacted, one escaped line), never to the client.
  app.onError(errorHandler(server, { log }));
  return { app, state };
}
