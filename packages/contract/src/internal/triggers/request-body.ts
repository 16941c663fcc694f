// Request bodies: a body over the server's limit (`requestLimitBytes`). JSON that does not parse, a
// body without a required field or with a value its schema refuses are the generic suite's
// built-in triggers (spec-suite/builtin-triggers.ts), planned from the spec for every operation.
import { exchange, json, needsTextModel, textModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const triggers: readonly Trigger[] = [
  {
    code: 'REQUEST_TOO_LARGE',
    operationId: 'runModel',
    cause: 'a JSON body one byte over requestLimitBytes',
    unavailable: needsTextModel,
    run: (c) => {
      const body = { prompt: 'x'.repeat(c.requestLimitBytes + 1) };
      return exchange(c, json(c, 'runModel', { model: textModel(c)!.id }, body));
    },
  },
];

export const requestBody: TriggerFamily = { name: 'request-body', triggers: () => triggers };
