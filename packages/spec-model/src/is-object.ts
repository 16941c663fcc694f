/**
 * Whether a value is a plain JSON object (not null, not an array): the one test every reader of
 * parsed JSON or YAML makes before reading members.
 *
 * @example
 * isObject({ code: 'OVERLOADED' }); // true
 * isObject([1]); // false
 */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
