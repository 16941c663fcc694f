// Request bodies: JSON that does not parse, a body without its required fields or with a value
// its schema refuses, and a body over the server's limit (`requestLimitBytes`).
import { exchange, json, needsTextModel, textModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const triggers: readonly Trigger[] = [
  {
    code: 'INVALID_REQUEST',
    operationId: 'createFinetune',
    cause: 'a JSON body cut off mid-object',
    run: (c) => exchange(c, json(c, 'createFinetune', {}, '{"model":')),
  },
  {
    code: 'MISSING_REQUIRED_FIELD',
    operationId: 'createFinetune',
    cause: 'an empty object, without the required model, name and files',
    run: (c) => exchange(c, json(c, 'createFinetune', {}, {})),
  },
  {
    code: 'INVALID_FIELD_VALUE',
    operationId: 'createFinetune',
    cause: 'every required field present, name an empty string',
    run: (c) => exchange(c, json(c, 'createFinetune', {}, { model: 'm', name: '', files: ['f'] })),
  },
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
