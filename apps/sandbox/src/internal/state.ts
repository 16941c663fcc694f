// Everything the sandbox keeps in memory, built once at start-up: the spec's compiled validators,
// the key store, limits, the queue, idempotency keys, files and finetunes. All stores are capped.
import { type ErrataServer, errataServer } from '@errata/server';
import { compileSpecSchema, createSpecAjv, type SpecAjv, type ValidateFunction } from '@errata/spec-model';
import { type ErrorCode, taskInputSchemas } from '@errata/types';
import type { SandboxOptions } from '../config.js';
import { type ModelDefinition, seededAccounts, seededModels } from '../seed.js';
import { BoundedMap } from './bounded-map.js';
import { dailyReset, namesDailyReset } from './daily-reset.js';
import { IdempotencyStore } from './idempotency.js';
import { JobQueue } from './job-queue.js';
import { KeyStore } from './key-store.js';
import { ConcurrencyLimiter, RateLimiter } from './limits.js';
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
  keys: KeyStore;
  rate: RateLimiter;
  concurrency: ConcurrencyLimiter;
  queue: JobQueue;
  idempotency: IdempotencyStore;
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
      ...(options.catalogUrl ? { docsUrl: options.catalogUrl } : {}),
    }),
    ajv,
    keys: new KeyStore(seededAccounts),
    rate: new RateLimiter(options.rateLimit, options.rateWindowMs, now),
    concurrency: new ConcurrencyLimiter(options.concurrencyLimit),
    queue: new JobQueue(options, options.clock),
    idempotency: new IdempotencyStore(options.maxIdempotencyKeys, options.idempotencyTtlMs, now),
    runs: 0,
    files: new BoundedMap(options.maxFiles, options.jobTtlMs * 24, now),
    finetunes: new BoundedMap(options.maxFinetunes, options.jobTtlMs * 24, now),
    models: new Map(seededModels.map((m) => [m.id, m])),
    outputs,
    requestId: compileSpecSchema(ajv, '#/components/schemas/RequestId'),
  };
}
