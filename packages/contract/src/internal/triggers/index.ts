// The registry of real triggers, by family, in the order the suite runs them. A family is a file
// of this folder; `coverage.test.ts` holds the registry and `simulate-only.ts` to the catalog.
import type { ErrorCode } from '@errata/types';
import type { SuiteContext } from '../suite-context.js';
import { auth } from './auth.js';
import { billing } from './billing.js';
import { contentPolicy } from './content-policy.js';
import { files } from './files.js';
import { idempotency } from './idempotency.js';
import { inputFields } from './input-fields.js';
import { modelFailures } from './model-failures.js';
import { models } from './models.js';
import { queue } from './queue.js';
import { requestBody } from './request-body.js';
import { routing } from './routing.js';
import type { Trigger, TriggerFamily, TriggerSource } from './trigger.js';

export { DEFAULT_PROMPT_VIOLATION_MARKER } from './content-policy.js';
export type { Trigger, TriggerFamily } from './trigger.js';

export const families: readonly TriggerFamily[] = [
  auth,
  billing,
  routing,
  requestBody,
  inputFields,
  models,
  modelFailures,
  queue,
  idempotency,
  files,
  contentPolicy,
];

/** Every trigger, family by family, derived from `source`. */
export function triggersFrom(source: TriggerSource): Trigger[] {
  return families.flatMap((family) => family.triggers(source));
}

/** The triggers for a run: input-field triggers for the tasks of the models the server lists. */
export function buildTriggers(context: SuiteContext): Trigger[] {
  return triggersFrom({ model: context.model, tasks: [...new Set(context.models.map((m) => m.task))] });
}

/** Which family's file declares a trigger of each code (a code two families cause names both). */
export function familiesByCode(source: TriggerSource): Map<ErrorCode, string[]> {
  const byCode = new Map<ErrorCode, string[]>();
  for (const family of families)
    for (const { code } of family.triggers(source)) {
      const names = byCode.get(code) ?? [];
      if (!names.includes(family.name)) byCode.set(code, [...names, family.name]);
    }
  return byCode;
}
