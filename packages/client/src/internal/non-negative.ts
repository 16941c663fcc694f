import { ErrataError } from '../errors.js';

/** Bad options are a typed error, like every other failure: code INVALID_OPTIONS, message `createClient: …`. */
export const invalid = (text: string): ErrataError => new ErrataError('INVALID_OPTIONS', `createClient: ${text}`);

/**
 * A duration or count option: the fallback when not given, else a number ≥ 0 (0 is allowed: no
 * retries, no wait), else `where(…)` is thrown.
 */
export function nonNegative(name: string, value: number | undefined, fallback: number, where = invalid): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0)
    throw where(`${name} must be a number ≥ 0, got ${String(value)}.`);
  return value;
}
