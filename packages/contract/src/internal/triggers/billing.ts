// Billing: the keys the caller names for an account out of credits, or on a plan without the
// feature (over its quota: errata-pack.ts). No request can put an account in those states; its
// server sets them up.
import { withKey } from './auth.js';
import { needsTextModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

const balance = withKey('INSUFFICIENT_BALANCE', 'runModel', 'a run billed to an account with no credits');

const triggers: readonly Trigger[] = [
  withKey('PLAN_FEATURE_UNAVAILABLE', 'createFinetune', 'a fine-tune asked on a plan without fine-tuning'),
  // A run needs a model to bill: the key alone is not enough.
  { ...balance, unavailable: (c) => balance.unavailable!(c) ?? needsTextModel(c) },
];

export const billing: TriggerFamily = { name: 'billing', triggers: () => triggers };
