// Models: the models listModels describes as private, behind an agreement or without LoRA
// support, each asked to run; a finetune that does not exist; an image model asked to stream (a
// model the server does not have is a built-in trigger, from the spec's path parameter). What a
// model is comes from the server, so each trigger is unavailable, with the reason, when listModels
// shows no such model.
import type { DiscoveredModel, SuiteContext } from '../suite-context.js';
import { modelWhere, needsTextModel, runWith, textModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

/** A trigger on the first model `test` picks; `missing` says why, when listModels shows none. */
function onModel(
  test: (m: DiscoveredModel) => boolean,
  missing: string,
  extra?: Record<string, unknown>,
): Pick<Trigger, 'unavailable' | 'run'> {
  const pick = modelWhere(test);
  return { unavailable: (c) => (pick(c) ? undefined : missing), run: runWith(pick, extra) };
}

const imageModel = (c: SuiteContext) => c.plainModel('image-generation');

const triggers: readonly Trigger[] = [
  {
    code: 'LORA_NOT_SUPPORTED',
    operationId: 'runModel',
    cause: 'a run with a lora adapter on a public model whose supports_lora is false',
    ...onModel(
      (m) => !m.supports_lora && m.visibility === 'public' && !m.requires_agreement,
      'no public model without LoRA support',
      { lora: 'errata-contract-lora' },
    ),
  },
  {
    code: 'MODEL_ACCESS_DENIED',
    operationId: 'runModel',
    cause: 'a run of a model whose visibility is private',
    ...onModel((m) => m.visibility === 'private', 'listModels shows no private model'),
  },
  {
    code: 'MODEL_AGREEMENT_REQUIRED',
    operationId: 'runModel',
    cause: 'a run of a public model that requires_agreement, by a key that has not accepted it',
    ...onModel(
      (m) => m.requires_agreement && m.visibility === 'public',
      'listModels shows no model that requires an agreement',
    ),
  },
  {
    code: 'RESOURCE_NOT_FOUND',
    operationId: 'runModel',
    // The finetune is the one thing InferenceNotFound can miss that is neither a model nor a file.
    cause: 'a run with a finetune_id that does not exist',
    unavailable: needsTextModel,
    run: runWith(textModel, { finetune_id: 'ft_errataContract00' }),
  },
  {
    code: 'UNSUPPORTED_MODEL',
    operationId: 'runModel',
    // Only text streams: a streamed run of an image model is refused before the stream.
    cause: 'a streamed run (stream: true, Accept: text/event-stream) of an image-generation model',
    unavailable: (c) =>
      imageModel(c) ? undefined : 'listModels shows no public image-generation model without an agreement',
    run: runWith(imageModel, { stream: true }, { Accept: 'text/event-stream' }),
  },
];

export const models: TriggerFamily = { name: 'models', triggers: () => triggers };
