// Idempotency: every POST declares `Idempotency-Key`, and the same key sent again with another
// body must be refused, not answered with the first request's result or run a second time.
import { send } from '../http.js';
import { exchange, idempotencyKey, json, needsTextModel, submit, textModel, upload, uploadForm } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const triggers: readonly Trigger[] = [
  {
    code: 'IDEMPOTENCY_CONFLICT',
    operationId: 'submitRequest',
    cause: 'a submit that reuses the Idempotency-Key of an earlier submit, with another prompt',
    unavailable: needsTextModel,
    run: async (c) => {
      const key = idempotencyKey();
      await submit(c, { prompt: 'first' }, { 'Idempotency-Key': key });
      const { request, response } = await submit(c, { prompt: 'second' }, { 'Idempotency-Key': key });
      return { request, response };
    },
  },
  {
    code: 'IDEMPOTENCY_CONFLICT',
    operationId: 'runModel',
    cause: 'a run that reuses the Idempotency-Key of an earlier run, with another prompt',
    unavailable: needsTextModel,
    run: async (c) => {
      const headers = { 'Idempotency-Key': idempotencyKey() };
      const model = { model: textModel(c)!.id };
      await send(c, json(c, 'runModel', model, { prompt: 'first' }, headers));
      return exchange(c, json(c, 'runModel', model, { prompt: 'second' }, headers));
    },
  },
  {
    code: 'IDEMPOTENCY_CONFLICT',
    operationId: 'uploadFile',
    cause: 'an upload that reuses the Idempotency-Key of an earlier upload, with another file',
    run: async (c) => {
      const headers = { 'Idempotency-Key': idempotencyKey() };
      await send(c, upload(c, uploadForm(c, 'first.json', '{}'), headers));
      return exchange(c, upload(c, uploadForm(c, 'second.json', '[]'), headers));
    },
  },
];

export const idempotency: TriggerFamily = { name: 'idempotency', triggers: () => triggers };
