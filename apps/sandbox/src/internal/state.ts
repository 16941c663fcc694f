// Everything the sandbox keeps in memory, built once at start-up: the spec's compiled validators,
// limits, the queue, idempotency keys, files and finetunes. All stores are capped.
import { BoundedMap, type ErrataServer, errataServer } from '@errata/server';
import {
  fixedWindow,
  type MemoryIdempotencyStore,
  memoryIdempotencyStore,
  type RateLimitTake,
} from '@errata/server/hono';
import { compileSpecSchema, createSpecAjv, type SpecAjv, type ValidateFunction } from '@errata/spec-model';
import { type ErrorCode, taskInputSchemas } from '@errata/types';
import type { SandboxOptions } from '../config.js';
import { type ModelDefinition, seededModels } from '../seed.js';
import { dailyReset, namesDailyReset } from './daily-reset.js';
import { JobQueue } from './job-queue.js';
import { ConcurrencyLimiter } from './limits.js';
import { outputSchemaOf } from './models.js';
import { model } from './spec.js';

interface StoredFile {
  id: string;
  accountId: string;
  filename: string;
  bytes: number;
  format: string;
  purpose: string;
  created_at: string;
}

interface StoredFinetune {
  id: string;
  accountId: string;
  model: string;
  name: string;
  files: string[];
  created_at: string;
}

export interface SandboxState {
  options: SandboxOptions;
  /** The server kit on Errata's spec: every error response and validator comes from it. */
  server: ErrataServer<ErrorCode>;
  ajv: SpecAjv;
  /** Counts a request in its key's window (the kit's fixed window, on the sandbox's clock). */
  rate: (accountId: string) => RateLimitTake;
  concurrency: ConcurrencyLimiter;
  queue: JobQueue;
  idempotency: MemoryIdempotencyStore;
  /** Synchronous runs executed (replays not counted): how tests see that a retry did not run twice. */
  runs: number;
  files: BoundedMap<string, StoredFile>;
  finetunes: BoundedMap<string, StoredFinetune>;
  models: Map<string, ModelDefinition>;
  outputs: Record<string, ValidateFunction>;
  requestId: ValidateFunction;
}

/**
 * `retry_after` when a code is raised without one: a daily allocation comes back at 00:00 UTC; the
 * rest wait the simulated default.
 */
function retryAfterFor(options: SandboxOptions): (code: string) => number {
  return (code) =>
    namesDailyReset(model.errors.get(code)?.meta.message ?? '')
      ? dailyReset(options.clock.now()).seconds
      : options.simulatedRetryAfter;
}

export function createState(options: SandboxOptions): SandboxState {
  const ajv = createSpecAjv(model.document);
  const now = () => options.clock.now();
  const outputs: Record<string, ValidateFunction> = {};
  for (const task of new Set(seededModels.map((m) => m.task))) {
    if (!(task in taskInputSchemas)) throw new Error(`The spec has no input schema for task ${task}`);
    outputs[task] = compileSpecSchema(ajv, outputSchemaOf[task]);
  }
  return {
    options,
    server: errataServer({
      retryAfter: retryAfterFor(options),
      // The spec declares application/problem+json beside application/json on every error response.
      problemDetails: 'negotiate',
      ...(options.catalogUrl ? { docsUrl: options.catalogUrl } : {}),
    }),
    ajv,
    rate: fixedWindow({ limit: options.rateLimit, windowMs: options.rateWindowMs, timers: options.clock }),
    concurrency: new ConcurrencyLimiter(options.concurrencyLimit),
    queue: new JobQueue(options, options.clock),
    idempotency: memoryIdempotencyStore({
      max: options.maxIdempotencyKeys,
      ttlMs: options.idempotencyTtlMs,
      timers: options.clock,
    }),
    runs: 0,
    files: new BoundedMap(options.maxFiles, options.jobTtlMs * 24, now),
    finetunes: new BoundedMap(options.maxFinetunes, options.jobTtlMs * 24, now),
    models: new Map(seededModels.map((m) => [m.id, m])),
    outputs,
    requestId: compileSpecSchema(ajv, '#/components/schemas/RequestId'),
  };
}
