// Real triggers: codes the suite can cause without `Errata-Simulate`, from what the spec says
// (a missing key, a field over its declared maximum, a malformed request id, a deprecated SDK
// version…) and from what the server says about itself (its models' visibility, agreement and
// LoRA flags). Codes that need server-specific setup (an expired key, a model that times out)
// are reachable when the caller names the key or model (`keys`, `modelsFor`), or the word the
// server's content policy refuses (`promptViolationMarker`).
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCodesOf } from '@errata/spec-model';
import { catalog, type ErrorCode, isErrorCode, taskInputSchemas } from '@errata/types';
import type { CapturedResponse } from '../check-response.js';
import type { ProbeResult } from '../report.js';
import { describeRequest, fillPath, type RequestSpec, send } from './http.js';
import { baseRequest, PLACEHOLDER_REQUEST_ID } from './simulate-probes.js';
import type { DiscoveredModel, SuiteContext } from './suite-context.js';

const MAX_RATE_LIMIT_WAIT_S = 15;

/** The word the sandbox's content policy refuses (its README, "Models"): the default marker. */
// Off unless named: no word is refused by every server, and a probe must not fail a conforming one.
export const DEFAULT_PROMPT_VIOLATION_MARKER = '';

export interface Trigger {
  code: ErrorCode;
  operationId: string;
  /** Why this trigger cannot run against this server, if it cannot. */
  unavailable?: (context: SuiteContext) => string | undefined;
  run: (context: SuiteContext) => Promise<{ request: RequestSpec; response: CapturedResponse }>;
}

type PropertySchema = {
  maximum?: number;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  pattern?: string;
  contentEncoding?: string;
  'x-error-code'?: unknown;
};

/**
 * A value that violates `keyword` of a property (`'*'`: any of its constraints), derived from the
 * constraints themselves; undefined when the suite cannot build one.
 */
export function violation(schema: PropertySchema, keyword = '*'): unknown {
  const any = keyword === '*';
  if ((any || keyword === 'maximum') && schema.maximum !== undefined) return schema.maximum + 1;
  if ((any || keyword === 'minimum') && schema.minimum !== undefined) return schema.minimum - 1;
  if ((any || keyword === 'maxLength') && schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  if ((any || keyword === 'minLength') && schema.minLength !== undefined && schema.minLength > 0) return '';
  if ((any || keyword === 'enum') && schema.enum) return '__errata_contract_not_allowed__';
  if ((any || keyword === 'pattern' || keyword === 'contentEncoding') && (schema.pattern || schema.contentEncoding))
    return '*** not base64 ***';
  return undefined;
}

async function exchange(context: SuiteContext, request: RequestSpec) {
  return { request, response: await send(context, request) };
}

function json(
  context: SuiteContext,
  operationId: string,
  params: Record<string, string>,
  body: unknown,
  headers: Record<string, string> = {},
): RequestSpec {
  const operation = context.operation(operationId);
  return {
    method: operation.method,
    path: fillPath(operation.path, params),
    headers: { ...context.auth(), 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function runWith(
  model: (c: SuiteContext) => DiscoveredModel | undefined,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return (context: SuiteContext) => {
    const m = model(context)!;
    return exchange(
      context,
      json(context, 'runModel', { model: m.id }, { ...context.exampleInput(m.task), ...extra }, headers),
    );
  };
}

const textModel = (c: SuiteContext) => c.plainModel('text-generation');
const needsTextModel = (c: SuiteContext) =>
  textModel(c) ? undefined : 'listModels shows no public text-generation model without an agreement';
const imageModel = (c: SuiteContext) => c.plainModel('image-generation');
const needsMarker = (c: SuiteContext) =>
  c.promptViolationMarker
    ? needsTextModel(c)
    : 'needs a word the content policy refuses (promptViolationMarker / --prompt-violation-marker)';
/** A valid input whose prompt carries the marker word, as a whole word. */
const refusedInput = (c: SuiteContext) => ({
  ...c.exampleInput('text-generation'),
  prompt: `errata contract ${c.promptViolationMarker} probe`,
});
const modelWhere = (test: (m: DiscoveredModel) => boolean) => (c: SuiteContext) =>
  c.models.find((m) => test(m) && c.exampleInput(m.task));

function withKey(code: ErrorCode, operationId: string): Trigger {
  return {
    code,
    operationId,
    unavailable: (c) =>
      c.keys[code] ? undefined : `needs a key that produces it (keys.${code} / --key ${code}=<key>)`,
    run: (c) => {
      const request = baseRequest(c, c.operation(operationId));
      request.headers = { ...request.headers, ...c.auth(c.keys[code]!) };
      return exchange(c, request);
    },
  };
}

function withModel(code: ErrorCode): Trigger {
  return {
    code,
    operationId: 'runModel',
    unavailable: (c) =>
      c.modelsFor[code]
        ? undefined
        : `needs a model that produces it (modelsFor.${code} / --model-for ${code}=<model>)`,
    run: (c) => {
      const id = c.modelsFor[code]!;
      const task = c.models.find((m) => m.id === id)?.task ?? 'text-generation';
      return exchange(c, json(c, 'runModel', { model: id }, c.exampleInput(task) ?? {}));
    },
  };
}

// One trigger per code an input field's `x-error-code` names (per keyword, when it is a map), on
// the first model of that task.
function fieldTriggers(context: SuiteContext): Trigger[] {
  const triggers: Trigger[] = [];
  const seen = new Set<ErrorCode>();
  for (const task of [...new Set(context.models.map((m) => m.task))]) {
    const pointer = context.inputSchema(task);
    if (!pointer) continue;
    const schema = context.model.lookup(pointer) as { properties: Record<string, unknown> };
    for (const [name, raw] of Object.entries(schema.properties)) {
      const property = context.model.resolve<PropertySchema>(raw);
      // `x-error-code` is one code for any violation, or a code per failing keyword.
      for (const [keyword, code] of errorCodesOf(property)) {
        const value = violation(property, keyword);
        if (!isErrorCode(code) || seen.has(code) || value === undefined) continue;
        seen.add(code);
        triggers.push({
          code,
          operationId: 'runModel',
          unavailable: (c) => (c.plainModel(task) ? undefined : `no plain ${task} model`),
          run: runWith((c) => c.plainModel(task), { [name]: value }),
        });
      }
    }
  }
  return triggers;
}

async function submit(c: SuiteContext, body: unknown, headers: Record<string, string> = {}) {
  const request = json(c, 'submitRequest', { model: textModel(c)!.id }, body, headers);
  const response = await send(c, request);
  const id =
    response.status === 202 ? (JSON.parse(response.text) as { request_id: string }).request_id : PLACEHOLDER_REQUEST_ID;
  c.jobIds.push(id);
  return { id, request, response };
}

/** A key no earlier request used. */
function idempotencyKey(): string {
  return `errata-contract-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function onJob(operationId: string, id: string, c: SuiteContext): RequestSpec {
  const operation = c.operation(operationId);
  return { method: operation.method, path: fillPath(operation.path, { request_id: id }), headers: c.auth() };
}

// A cancelled job is the source of three codes; it is made once per run, and kept on the run's
// context so that two runs in one process never share it.
function cancelledJob(c: SuiteContext): Promise<string> {
  c.cancelledJob ??= (async () => {
    const { id } = await submit(c, c.exampleInput('text-generation'));
    await send(c, onJob('cancelRequest', id, c));
    return id;
  })();
  return c.cancelledJob;
}

export function buildTriggers(context: SuiteContext): Trigger[] {
  const upload = context.operation('uploadFile');
  return [
    {
      code: 'MISSING_API_KEY',
      operationId: 'listModels',
      run: (c) => exchange(c, { method: 'GET', path: '/v1/models' }),
    },
    {
      code: 'INVALID_API_KEY',
      operationId: 'listModels',
      run: (c) => exchange(c, { method: 'GET', path: '/v1/models', headers: c.auth('errata_contract_not_a_key') }),
    },
    withKey('EXPIRED_API_KEY', 'listModels'),
    withKey('REVOKED_API_KEY', 'listModels'),
    withKey('ACCOUNT_SUSPENDED', 'listModels'),
    withKey('QUOTA_EXCEEDED', 'listModels'),
    withKey('INSUFFICIENT_PERMISSIONS', 'createFinetune'),
    withKey('PLAN_FEATURE_UNAVAILABLE', 'createFinetune'),
    {
      ...withKey('INSUFFICIENT_BALANCE', 'runModel'),
      unavailable: (c) => withKey('INSUFFICIENT_BALANCE', 'runModel').unavailable!(c) ?? needsTextModel(c),
    },
    {
      code: 'ENDPOINT_NOT_FOUND',
      operationId: 'unrouted',
      run: (c) => exchange(c, { method: 'GET', path: '/v1/errata-contract-no-such-route', headers: c.auth() }),
    },
    {
      code: 'MODEL_NOT_FOUND',
      operationId: 'getModel',
      run: (c) => exchange(c, { method: 'GET', path: '/v1/models/errata-contract-no-such-model', headers: c.auth() }),
    },
    {
      code: 'INVALID_REQUEST',
      operationId: 'createFinetune',
      run: (c) => exchange(c, json(c, 'createFinetune', {}, '{"model":')),
    },
    {
      code: 'MISSING_REQUIRED_FIELD',
      operationId: 'createFinetune',
      run: (c) => exchange(c, json(c, 'createFinetune', {}, {})),
    },
    {
      code: 'INVALID_FIELD_VALUE',
      operationId: 'createFinetune',
      run: (c) => exchange(c, json(c, 'createFinetune', {}, { model: 'm', name: '', files: ['f'] })),
    },
    ...fieldTriggers(context),
    {
      code: 'DEPRECATED_SDK_VERSION',
      operationId: 'runModel',
      unavailable: needsTextModel,
      run: runWith(textModel, {}, { 'Errata-Sdk-Version': '0.0.1' }),
    },
    {
      code: 'LORA_NOT_SUPPORTED',
      operationId: 'runModel',
      unavailable: (c) =>
        modelWhere((m) => !m.supports_lora && m.visibility === 'public' && !m.requires_agreement)(c)
          ? undefined
          : 'no public model without LoRA support',
      run: runWith(
        modelWhere((m) => !m.supports_lora && m.visibility === 'public' && !m.requires_agreement),
        { lora: 'errata-contract-lora' },
      ),
    },
    {
      code: 'MODEL_ACCESS_DENIED',
      operationId: 'runModel',
      unavailable: (c) =>
        modelWhere((m) => m.visibility === 'private')(c) ? undefined : 'listModels shows no private model',
      run: runWith(modelWhere((m) => m.visibility === 'private')),
    },
    {
      code: 'MODEL_AGREEMENT_REQUIRED',
      operationId: 'runModel',
      unavailable: (c) =>
        modelWhere((m) => m.requires_agreement && m.visibility === 'public')(c)
          ? undefined
          : 'listModels shows no model that requires an agreement',
      run: runWith(modelWhere((m) => m.requires_agreement && m.visibility === 'public')),
    },
    {
      code: 'REQUEST_TOO_LARGE',
      operationId: 'runModel',
      unavailable: needsTextModel,
      run: (c) =>
        exchange(c, json(c, 'runModel', { model: textModel(c)!.id }, { prompt: 'x'.repeat(c.requestLimitBytes + 1) })),
    },
    {
      code: 'INVALID_REQUEST_ID',
      operationId: 'getRequestStatus',
      run: (c) => exchange(c, onJob('getRequestStatus', 'not-a-request-id', c)),
    },
    {
      code: 'REQUEST_NOT_FOUND',
      operationId: 'getRequestStatus',
      run: (c) => exchange(c, onJob('getRequestStatus', PLACEHOLDER_REQUEST_ID, c)),
    },
    {
      code: 'IDEMPOTENCY_CONFLICT',
      operationId: 'submitRequest',
      unavailable: needsTextModel,
      run: async (c) => {
        const key = idempotencyKey();
        await submit(c, { prompt: 'first' }, { 'Idempotency-Key': key });
        const second = await submit(c, { prompt: 'second' }, { 'Idempotency-Key': key });
        return { request: second.request, response: second.response };
      },
    },
    {
      // Every POST declares Idempotency-Key: the same key with another body, on a run…
      code: 'IDEMPOTENCY_CONFLICT',
      operationId: 'runModel',
      unavailable: needsTextModel,
      run: async (c) => {
        const key = idempotencyKey();
        await send(
          c,
          json(c, 'runModel', { model: textModel(c)!.id }, { prompt: 'first' }, { 'Idempotency-Key': key }),
        );
        return exchange(
          c,
          json(c, 'runModel', { model: textModel(c)!.id }, { prompt: 'second' }, { 'Idempotency-Key': key }),
        );
      },
    },
    {
      // …and on an upload (another file under the same key).
      code: 'IDEMPOTENCY_CONFLICT',
      operationId: 'uploadFile',
      run: async (c) => {
        const headers = { ...c.auth(), 'Idempotency-Key': idempotencyKey() };
        await send(c, {
          method: upload.method,
          path: upload.path,
          headers,
          body: c.exampleForm(upload, { name: 'first.json', bytes: '{}' }),
        });
        return exchange(c, {
          method: upload.method,
          path: upload.path,
          headers,
          body: c.exampleForm(upload, { name: 'second.json', bytes: '[]' }),
        });
      },
    },
    {
      code: 'REQUEST_NOT_COMPLETED',
      operationId: 'getRequestResult',
      unavailable: needsTextModel,
      run: async (c) =>
        exchange(c, onJob('getRequestResult', (await submit(c, c.exampleInput('text-generation'))).id, c)),
    },
    {
      code: 'REQUEST_CANCELLED',
      operationId: 'getRequestResult',
      unavailable: needsTextModel,
      run: async (c) => exchange(c, onJob('getRequestResult', await cancelledJob(c), c)),
    },
    {
      code: 'REQUEST_FAILED',
      operationId: 'getRequestStatus',
      unavailable: needsTextModel,
      run: async (c) => exchange(c, onJob('getRequestStatus', await cancelledJob(c), c)),
    },
    {
      code: 'REQUEST_ALREADY_COMPLETED',
      operationId: 'cancelRequest',
      unavailable: needsTextModel,
      run: async (c) => exchange(c, onJob('cancelRequest', await cancelledJob(c), c)),
    },
    {
      code: 'MISSING_REQUIRED_FIELD',
      operationId: 'uploadFile',
      run: (c) =>
        exchange(c, {
          method: upload.method,
          path: upload.path,
          headers: c.auth(),
          body: formWithout(c.exampleForm(upload), 'file'),
        }),
    },
    {
      code: 'INVALID_FILE_FORMAT',
      operationId: 'uploadFile',
      run: (c) =>
        exchange(c, {
          method: upload.method,
          path: upload.path,
          headers: c.auth(),
          body: c.exampleForm(upload, { name: 'probe.exe', bytes: 'MZ' }),
        }),
    },
    {
      code: 'FILE_TOO_LARGE',
      operationId: 'uploadFile',
      run: (c) =>
        exchange(c, {
          method: upload.method,
          path: upload.path,
          headers: c.auth(),
          body: c.exampleForm(upload, { name: 'big.jsonl', bytes: new Uint8Array(c.fileLimitBytes + 1).fill(0x7b) }),
        }),
    },
    {
      code: 'FILE_NOT_FOUND',
      operationId: 'createFinetune',
      unavailable: needsTextModel,
      run: (c) =>
        exchange(
          c,
          json(
            c,
            'createFinetune',
            {},
            { model: textModel(c)!.id, name: 'errata-contract', files: ['file_errataContract00'] },
          ),
        ),
    },
    {
      code: 'FINETUNE_MISSING_FILES',
      operationId: 'createFinetune',
      unavailable: needsTextModel,
      run: async (c) => {
        const uploaded = await send(c, {
          method: upload.method,
          path: upload.path,
          headers: c.auth(),
          body: c.exampleForm(upload, { name: 'config.json', bytes: '{}' }),
        });
        const id = uploaded.status === 201 ? (JSON.parse(uploaded.text) as { id: string }).id : 'file_errataContract00';
        return exchange(
          c,
          json(c, 'createFinetune', {}, { model: textModel(c)!.id, name: 'errata-contract', files: [id] }),
        );
      },
    },
    {
      code: 'RESOURCE_NOT_FOUND',
      operationId: 'runModel',
      unavailable: needsTextModel,
      // The finetune is the one thing InferenceNotFound can miss that is neither a model nor a file.
      run: runWith(textModel, { finetune_id: 'ft_errataContract00' }),
    },
    {
      code: 'PROMPT_VIOLATION',
      operationId: 'runModel',
      unavailable: needsMarker,
      run: (c) => exchange(c, json(c, 'runModel', { model: textModel(c)!.id }, refusedInput(c))),
    },
    {
      code: 'PROMPT_VIOLATION',
      operationId: 'submitRequest',
      unavailable: needsMarker,
      run: async (c) => submit(c, refusedInput(c)),
    },
    {
      // Only text streams: a streamed run of an image model is refused before the stream.
      code: 'UNSUPPORTED_MODEL',
      operationId: 'runModel',
      unavailable: (c) =>
        imageModel(c) ? undefined : 'listModels shows no public image-generation model without an agreement',
      run: runWith(imageModel, { stream: true }, { Accept: 'text/event-stream' }),
    },
    withModel('TIMEOUT'),
    withModel('INVALID_OUTPUT'),
    withModel('PROCESSING_ERROR'),
  ];
}

function formWithout(form: FormData, name: string): FormData {
  form.delete(name);
  return form;
}

export async function runTriggers(
  context: SuiteContext,
  only: Set<ErrorCode> | undefined,
  operations: Set<string>,
): Promise<{ results: ProbeResult[]; unavailable: Map<ErrorCode, string> }> {
  const results: ProbeResult[] = [];
  const unavailable = new Map<ErrorCode, string>();
  for (const trigger of buildTriggers(context)) {
    if (
      (only && !only.has(trigger.code)) ||
      (trigger.operationId !== 'unrouted' && !operations.has(trigger.operationId))
    )
      continue;
    const reason = trigger.unavailable?.(context);
    if (reason) {
      unavailable.set(trigger.code, reason);
      continue;
    }
    const operation = trigger.operationId === 'unrouted' ? 'unrouted' : context.operation(trigger.operationId);
    let diff: string[];
    let request = '';
    try {
      let exchanged = await trigger.run(context);
      // A rate limit is not the code under test: wait as told (a few times, briefly) and try again.
      for (
        let attempt = 0;
        attempt < 3 && exchanged.response.status === 429 && catalog[trigger.code].status !== 429;
        attempt++
      ) {
        const wait = Number(exchanged.response.headers.get('retry-after') ?? '1');
        if (!(wait >= 0 && wait <= MAX_RATE_LIMIT_WAIT_S)) break;
        await sleep(wait * 1000);
        exchanged = await trigger.run(context);
      }
      request = describeRequest(exchanged.request);
      diff = context.checker.check(operation, exchanged.response, { code: trigger.code });
    } catch (error) {
      diff = [`request failed: ${context.redact((error as Error).message)}`];
    }
    results.push({
      operationId: trigger.operationId,
      code: trigger.code,
      via: 'trigger',
      request,
      outcome: diff.length ? 'failed' : 'passed',
      diff,
    });
  }
  return { results, unavailable };
}
