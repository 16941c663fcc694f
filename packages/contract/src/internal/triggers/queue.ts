// The queue: a malformed request id (an unknown one is a built-in trigger), and a job met in each
// state a code names: still running (asked for its result), and cancelled (asked for its result,
// its status, and to be cancelled again).
import { send } from '../http.js';
import type { SuiteContext } from '../suite-context.js';
import { exchange, needsTextModel, onJob, submit } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

// A cancelled job is the source of three codes; it is made once per run, and kept on the run's
// context so that two runs in one process never share it.
function cancelledJob(c: SuiteContext): Promise<string> {
  c.cancelledJob ??= (async () => {
    const { id } = await submit(c, c.exampleInput('text-generation'));
    await send(c, onJob(c, 'cancelRequest', id));
    return id;
  })();
  return c.cancelledJob;
}

/** `operationId` on the run's cancelled job. */
function onCancelled(operationId: string): Trigger['run'] {
  return async (c) => exchange(c, onJob(c, operationId, await cancelledJob(c)));
}

const triggers: readonly Trigger[] = [
  {
    code: 'INVALID_REQUEST_ID',
    operationId: 'getRequestStatus',
    cause: 'a request id that does not match the spec’s request id pattern',
    run: (c) => exchange(c, onJob(c, 'getRequestStatus', 'not-a-request-id')),
  },
  {
    code: 'REQUEST_NOT_COMPLETED',
    operationId: 'getRequestResult',
    cause: 'the result of a job asked for right after it was submitted, before it can finish',
    unavailable: needsTextModel,
    run: async (c) =>
      exchange(c, onJob(c, 'getRequestResult', (await submit(c, c.exampleInput('text-generation'))).id)),
  },
  {
    code: 'REQUEST_CANCELLED',
    operationId: 'getRequestResult',
    cause: 'the result of a cancelled job',
    unavailable: needsTextModel,
    run: onCancelled('getRequestResult'),
  },
  {
    code: 'REQUEST_FAILED',
    operationId: 'getRequestStatus',
    cause: 'the status of a cancelled job',
    unavailable: needsTextModel,
    run: onCancelled('getRequestStatus'),
  },
  {
    code: 'REQUEST_ALREADY_COMPLETED',
    operationId: 'cancelRequest',
    cause: 'a second cancel of a cancelled job',
    unavailable: needsTextModel,
    run: onCancelled('cancelRequest'),
  },
];

export const queue: TriggerFamily = { name: 'queue', triggers: () => triggers };
