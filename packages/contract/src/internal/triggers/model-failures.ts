// Model failures: a run that times out, returns output that fails its schema, or fails while
// processing. No request makes a working model fail, so each needs a model the caller names as
// failing that way (`modelsFor`); the sandbox has one of each.
import type { ErrorCode } from '@errata/types';
import { exchange, json } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

/** `code` on runModel, caused by running the model named in `modelsFor[code]` with its task's example input. */
function withModel(code: ErrorCode, cause: string): Trigger {
  return {
    code,
    operationId: 'runModel',
    cause: `a run of a model that ${cause} (the model named in modelsFor.${code})`,
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

const triggers: readonly Trigger[] = [
  withModel('TIMEOUT', 'runs past the server’s request timeout'),
  withModel('INVALID_OUTPUT', 'returns output its schema refuses'),
  withModel('PROCESSING_ERROR', 'fails while it runs'),
];

export const modelFailures: TriggerFamily = { name: 'model-failures', triggers: () => triggers };
