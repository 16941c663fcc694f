// The sandbox's content policy: deterministic, so that PROMPT_VIOLATION can be caused for real
// and tested. A prompt (or negative prompt) containing the marker word as a whole word, in any
// case, is refused; nothing else is. Real providers run a moderation model here.
import { promptViolationMarker } from '../seed.js';

const MARKER = new RegExp(`\\b${promptViolationMarker}\\b`, 'i');
const CHECKED_FIELDS = ['prompt', 'negative_prompt'] as const;

/**
 * PROMPT_VIOLATION's details for the first input field the policy refuses, or undefined when the
 * input passes. The issue names the marker, never the prompt (which may hold anything).
 *
 * @example
 * promptViolation({ prompt: 'Say something FORBIDDEN' }); // { field: 'prompt', issue: 'contains "forbidden"…' }
 * promptViolation({ prompt: 'unforbiddenly' });           // undefined
 */
export function promptViolation(input: Record<string, unknown>): { field: string; issue: string } | undefined {
  const field = CHECKED_FIELDS.find((name) => typeof input[name] === 'string' && MARKER.test(input[name]));
  return field && { field, issue: `contains "${promptViolationMarker}", which the sandbox's content policy refuses` };
}
