// Content policy: a prompt holding a word the server's policy refuses, on a run and on a submit.
// No word is refused by every server, so the caller names one (`promptViolationMarker`).
import type { SuiteContext } from '../suite-context.js';
import { exchange, json, needsTextModel, submit, textModel } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

/**
 * No marker unless the caller names one: no word is refused by every server, and a probe must not
 * fail a conforming one. The sandbox's is `forbidden` (its README, "Models").
 */
export const DEFAULT_PROMPT_VIOLATION_MARKER = '';

const needsMarker = (c: SuiteContext) =>
  c.promptViolationMarker
    ? needsTextModel(c)
    : 'needs a word the content policy refuses (promptViolationMarker / --prompt-violation-marker)';

/** A valid input whose prompt carries the marker word, as a whole word. */
const refusedInput = (c: SuiteContext) => ({
  ...c.exampleInput('text-generation'),
  prompt: `errata contract ${c.promptViolationMarker} probe`,
});

const triggers: readonly Trigger[] = [
  {
    code: 'PROMPT_VIOLATION',
    operationId: 'runModel',
    cause: 'a run whose prompt holds the promptViolationMarker word',
    unavailable: needsMarker,
    run: (c) => exchange(c, json(c, 'runModel', { model: textModel(c)!.id }, refusedInput(c))),
  },
  {
    code: 'PROMPT_VIOLATION',
    operationId: 'submitRequest',
    cause: 'a submit whose prompt holds the promptViolationMarker word',
    unavailable: needsMarker,
    run: async (c) => submit(c, refusedInput(c)),
  },
];

export const contentPolicy: TriggerFamily = { name: 'content-policy', triggers: () => triggers };
