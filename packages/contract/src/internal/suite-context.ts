// What every part of the suite shares: the spec, its operations, the checker, the server's models
// (discovered through listModels, so that probes use names the server knows) and request helpers.

import { createRedactor, type Redactor } from '@errata/redact';
import {
  compileSpecSchema,
  createSpecAjv,
  createSpecModel,
  type OpenApiDocument,
  type SpecAjv,
  type SpecModel,
  type SpecOperation,
} from '@errata/spec-model';
import { type components, type ErrorCode, taskInputSchemas } from '@errata/types';
import { createResponseChecker, type ResponseChecker } from '../check-response.js';
import { createStreamChecker, type StreamChecker } from '../check-stream.js';
import { loadSpec } from './errata-spec.js';
import { type HttpContext, send } from './http.js';

/** A model as the server's listModels returns it (the spec's `Model`). */
export type DiscoveredModel = components['schemas']['Model'];

export interface SuiteSettings {
  baseUrl: string;
  apiKey: string;
  keys: Partial<Record<ErrorCode, string>>;
  modelsFor: Partial<Record<ErrorCode, string>>;
  timeoutMs: number;
  requestLimitBytes: number;
  fileLimitBytes: number;
  /** A word the server's content policy refuses in a prompt; empty: none known. */
  promptViolationMarker: string;
  fetch: typeof fetch;
  /** The response header that carries the request id (default `X-Request-Id`). */
  requestIdHeader?: string;
}

export interface SuiteContext extends HttpContext, SuiteSettings {
  spec: OpenApiDocument;
  model: SpecModel;
  ajv: SpecAjv;
  operations: readonly SpecOperation[];
  checker: ResponseChecker;
  streams: StreamChecker;
  models: DiscoveredModel[];
  /** Request ids the suite created, reused by the fuzzer so it reaches existing jobs too. */
  jobIds: string[];
  /** Masks the API key, every `keys[*]` and any bearer token; applied to all the server sends back. */
  redact: Redactor;
  /** The cancelled job three triggers share, made once per run (per context, so runs never share it). */
  cancelledJob?: Promise<string>;
  operation(operationId: string): SpecOperation;
  /** JSON Pointer of the input schema a model of `task` is validated against (`taskInputSchemas`). */
  inputSchema(task: string): string | undefined;
  auth(key?: string | null): Record<string, string>;
  /** A usable model of a task: public, no agreement needed, and not one named as a trigger. */
  plainModel(task: string): DiscoveredModel | undefined;
  /** A valid JSON input for a model of `task`, from the spec's own examples. */
  exampleInput(task: string): Record<string, unknown> | undefined;
  /**
   * A form for a multipart operation, built from its schema: a small file per binary field, the
   * first enum value elsewhere.
   */
  exampleForm(operation: SpecOperation, file?: { name: string; bytes: Uint8Array | string }): FormData;
}

export async function createSuiteContext(settings: SuiteSettings): Promise<SuiteContext> {
  const spec = loadSpec();
  const model = createSpecModel(spec);
  const ajv = createSpecAjv(spec);
  const names = settings.requestIdHeader ? { requestIdHeader: settings.requestIdHeader } : {};
  const checker = createResponseChecker(spec, ajv, names);
  const context: SuiteContext = {
    ...settings,
    spec,
    model,
    ajv,
    operations: model.operations,
    checker,
    streams: createStreamChecker(spec, ajv, checker, names),
    models: [],
    jobIds: [],
    redact: createRedactor([settings.apiKey, ...Object.values(settings.keys)]),
    operation(operationId) {
      const op = model.operation(operationId);
      if (!op) throw new Error(`The spec has no operation ${operationId}`);
      return op;
    },
    auth(key = settings.apiKey) {
      return key === null ? ({} as Record<string, string>) : { Authorization: `Bearer ${key}` };
    },
    plainModel(task) {
      const reserved = new Set(Object.values(settings.modelsFor));
      return context.models.find(
        (m) => m.task === task && m.visibility === 'public' && !m.requires_agreement && !reserved.has(m.id),
      );
    },
    inputSchema(task) {
      return Object.hasOwn(taskInputSchemas, task)
        ? taskInputSchemas[task as keyof typeof taskInputSchemas]
        : undefined;
    },
    exampleInput(task) {
      const pointer = context.inputSchema(task);
      if (!pointer) return undefined;
      const validate = compileSpecSchema(ajv, pointer);
      const examples = context.operation('runModel').requestBody?.examples ?? [];
      const schemaExamples = model.resolve<{ examples?: unknown[] }>(model.lookup(pointer)).examples ?? [];
      return [...examples, ...schemaExamples].find((example) => validate(example)) as
        | Record<string, unknown>
        | undefined;
    },
    exampleForm(operation, file = { name: 'probe.json', bytes: '{}' }) {
      const form = new FormData();
      const resolved = model.resolve<{ properties: Record<string, { contentMediaType?: string; enum?: string[] }> }>(
        model.lookup(operation.requestBody!.schemaPointer),
      );
      for (const [name, property] of Object.entries(resolved.properties)) {
        if (property.contentMediaType) form.append(name, new Blob([file.bytes as BlobPart]), file.name);
        else form.append(name, property.enum?.[0] ?? 'x');
      }
      return form;
    },
  };
  context.models = await discoverModels(context);
  return context;
}

async function discoverModels(context: SuiteContext): Promise<DiscoveredModel[]> {
  try {
    const response = await send(context, { method: 'GET', path: '/v1/models', headers: context.auth() });
    if (response.status !== 200) return [];
    const body = JSON.parse(response.text) as { data?: DiscoveredModel[] };
    return Array.isArray(body.data) ? body.data : [];
  } catch {
    return [];
  }
}
