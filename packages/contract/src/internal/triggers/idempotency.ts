// Idempotency on uploads: the same key sent again with another file must be refused. JSON bodies
// get the generic suite's built-in trigger (spec-suite/builtin-triggers.ts); forms need this one.
import { send } from '../http.js';
import { exchange, idempotencyKey, upload, uploadForm } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const triggers: readonly Trigger[] = [
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
