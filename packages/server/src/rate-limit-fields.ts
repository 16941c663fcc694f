/**
 * Where a rate window stands, as response header fields: the IETF draft's structured `RateLimit`
 * and `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers-10: `"<policy>";r=<remaining>;t=<seconds>`
 * and `"<policy>";q=<quota>;w=<window>`), next to the legacy `RateLimit-Limit/-Remaining/-Reset`
 * trio that most clients read today. Both forms carry the same numbers.
 */

/** Where a rate window stands, for the `RateLimit` fields. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  /** The window's length in seconds (`w` of `RateLimit-Policy`), when known. */
  window?: number;
  /** The policy's name in the structured fields (default `default`). */
  policy?: string;
}

/** A policy name as an sf-string: quotes and backslashes escaped, nothing outside printable ASCII. */
const sfString = (name: string) => `"${name.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '\\$&')}"`;
const DEFAULT_POLICY = sfString('default');
const count = (n: number) => String(Number.isSafeInteger(n) && n >= 0 ? n : 0);

/**
 * The header fields of a rate window, both forms.
 *
 * @example
 * rateLimitFields({ limit: 100, remaining: 0, reset: 12, window: 60 });
 * // { RateLimit: '"default";r=0;t=12', 'RateLimit-Policy': '"default";q=100;w=60',
 * //   'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '12' }
 */
export function rateLimitFields(state: RateLimitState): Record<string, string> {
  const name = state.policy === undefined ? DEFAULT_POLICY : sfString(state.policy);
  const window = state.window !== undefined ? `;w=${count(state.window)}` : '';
  return {
    RateLimit: `${name};r=${count(state.remaining)};t=${count(state.reset)}`,
    'RateLimit-Policy': `${name};q=${count(state.limit)}${window}`,
    'RateLimit-Limit': count(state.limit),
    'RateLimit-Remaining': count(state.remaining),
    'RateLimit-Reset': count(state.reset),
  };
}
