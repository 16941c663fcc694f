// What runModel and submitRequest check before running anything, in order: SDK version, the
// model and the account's access to it, whether a run asks an image model to stream, the input
// against the task's schema, the content policy, LoRA, finetune, and finally the balance (after
// validation, so a broke key still learns what is wrong).
import { ApiError } from '../internal/api-error.js';
import { charge } from '../internal/auth.js';
import { promptViolation } from '../internal/content-policy.js';
import { loraFeature, minimumSdkVersion, type ModelDefinition } from '../seed.js';
import { readJson, type HandlerContext } from './handler.js';
import { wantsStream } from './stream-run.js';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)/;

function olderThan(version: string, minimum: string): boolean {
  const a = SEMVER.exec(version);
  const b = SEMVER.exec(minimum)!;
  if (!a) return false;
  for (let i = 1; i <= 3; i++) if (Number(a[i]) !== Number(b[i])) return Number(a[i]) < Number(b[i]);
  return false;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface PreparedRun {
  model: ModelDefinition;
  input: Record<string, unknown>;
  raw: string;
}

export async function prepareRun({ c, state, account, operation }: HandlerContext): Promise<PreparedRun> {
  const version = c.req.header('errata-sdk-version');
  if (version !== undefined && olderThan(version, minimumSdkVersion)) throw new ApiError('DEPRECATED_SDK_VERSION', { params: { version } });

  const id = c.req.param('model')!;
  const model = state.models.get(id);
  if (!model) throw new ApiError('MODEL_NOT_FOUND', { params: { model: id } });
  if (model.visibility === 'private') throw new ApiError('MODEL_ACCESS_DENIED', { params: { model: id } });
  if (model.requires_agreement) throw new ApiError('MODEL_AGREEMENT_REQUIRED', { params: { model: id } });

  const input = await readJson(c, state.options.bodyLimitBytes);
  // Only text streams. Checked before the schema, which would only call `stream` an unknown field
  // of an image input: the model, not the field, is what cannot do this.
  if (operation.operationId === 'runModel' && model.task !== 'text-generation' && isObject(input) && wantsStream(c, input)) {
    throw new ApiError('UNSUPPORTED_MODEL', { params: { model: id }, details: { field: 'stream', issue: `${model.task} models cannot stream: drop "stream" and Accept: text/event-stream` } });
  }
  state.inputs[model.task]!(operation, input);
  const fields = input as Record<string, unknown>;
  const refused = promptViolation(fields);
  if (refused) throw new ApiError('PROMPT_VIOLATION', { details: refused });

  if (fields.lora !== undefined) {
    if (account.plan === 'free') throw new ApiError('PLAN_FEATURE_UNAVAILABLE', { params: { feature: loraFeature } });
    if (!model.supports_lora) throw new ApiError('LORA_NOT_SUPPORTED', { params: { model: id } });
  }
  if (typeof fields.finetune_id === 'string') {
    const finetune = state.finetunes.get(fields.finetune_id);
    if (!finetune || finetune.accountId !== account.id) throw new ApiError('RESOURCE_NOT_FOUND', { details: { field: 'finetune_id', issue: `finetune ${fields.finetune_id} does not exist` } });
  }
  charge(account);
  return { model, input: fields, raw: JSON.stringify(fields) };
}
