// Everything the sandbox keeps in memory, built once at start-up: the spec's compiled validators,
// the key store, limits, the queue, idempotency keys, files and finetunes. All stores are capped.
import { compileSpecSchema, createSpecAjv, type SpecAjv, type ValidateFunction } from '@errata/spec-model';
import { taskInputSchemas } from '@errata/types';
import { loadSpec } from './errata-spec.js';
import type { SandboxOptions } from '../config.js';
import { seededAccounts, seededModels, type ModelDefinition } from '../seed.js';
import { BoundedMap } from './bounded-map.js';
import { IdempotencyStore } from './idempotency.js';
import { createInputValidator, type InputValidator } from './input-validation.js';
import { JobQueue } from './job-queue.js';
import { KeyStore } from './key-store.js';
import { ConcurrencyLimiter, RateLimiter } from './limits.js';
import { outputSchemaOf } from './models.js';

export interface StoredFile {
  id: string;
  accountId: string;
  filename: string;
  bytes: number;
  format: string;
  purpose: string;
  created_at: string;
}

export interface StoredFinetune {
  id: string;
  accountId: string;
  model: string;
  name: string;
  files: string[];
  created_at: string;
}

export interface SandboxState {
  options: SandboxOptions;
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
  /** Input validators by task, and for the other bodies by schema name. */
  inputs: Record<string, InputValidator>;
  outputs: Record<string, ValidateFunction>;
  requestId: ValidateFunction;
}

export function createState(options: SandboxOptions): SandboxState {
  const spec = loadSpec();
  const ajv = createSpecAjv(spec, { verbose: true });
  const inputs: Record<string, InputValidator> = {
    FinetuneCreate: createInputValidator(ajv, '#/components/schemas/FinetuneCreate'),
    FileUpload: createInputValidator(ajv, '#/components/schemas/FileUpload'),
  };
  const outputs: Record<string, ValidateFunction> = {};
  for (const task of new Set(seededModels.map((m) => m.task))) {
    const pointer = taskInputSchemas[task];
    if (!pointer) throw new Error(`The spec has no input schema for task ${task}`);
    inputs[task] = createInputValidator(ajv, pointer);
    outputs[task] = compileSpecSchema(ajv, outputSchemaOf[task]);
  }
  return {
    options,
    ajv,
    keys: new KeyStore(seededAccounts),
    rate: new RateLimiter(options.rateLimit, options.rateWindowMs),
    concurrency: new ConcurrencyLimiter(options.concurrencyLimit),
    queue: new JobQueue(options),
    idempotency: new IdempotencyStore(options.maxIdempotencyKeys, options.idempotencyTtlMs),
    runs: 0,
    files: new BoundedMap(options.maxFiles, options.jobTtlMs * 24),
    finetunes: new BoundedMap(options.maxFinetunes, options.jobTtlMs * 24),
    models: new Map(seededModels.map((m) => [m.id, m])),
    inputs,
    outputs,
    requestId: compileSpecSchema(ajv, '#/components/schemas/RequestId'),
  };
}
