// Routing: what the server routes, and which clients it still serves.
import { exchange, needsTextModel, runWith, textModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const triggers: readonly Trigger[] = [
  {
    code: 'ENDPOINT_NOT_FOUND',
    operationId: 'unrouted',
    cause: 'a GET on a path no operation routes (the spec’s x-errata.unrouted_response)',
    run: (c) => exchange(c, { method: 'GET', path: '/v1/errata-contract-no-such-route', headers: c.auth() }),
  },
  {
    code: 'DEPRECATED_SDK_VERSION',
    operationId: 'runModel',
    cause: 'a valid run sent with Errata-Sdk-Version: 0.0.1, older than any supported SDK',
    unavailable: needsTextModel,
    run: runWith(textModel, {}, { 'Errata-Sdk-Version': '0.0.1' }),
  },
];

export const routing: TriggerFamily = { name: 'routing', triggers: () => triggers };
