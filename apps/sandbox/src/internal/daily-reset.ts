// A daily allocation (a code whose template names `{resets_at}`, DAILY_QUOTA_EXCEEDED) comes back at
// 00:00 UTC, as the spec says of Errata's own servers: the one reset time the sandbox derives
// rather than is told. The body's `details.resets_at`, `Retry-After` and `RateLimit-Reset` all
// come from this one computation, so they cannot disagree.
const SECONDS_PER_DAY = 86_400;

export interface DailyReset {
  /** The reset moment, ISO 8601 in UTC without milliseconds. */
  at: string;
  /** Whole seconds from now until then (1 … 86,400). */
  seconds: number;
}

/**
 * The next 00:00 UTC after `nowMs`.
 *
 * @example
 * dailyReset(Date.parse('2026-01-01T21:00:00Z')); // { at: '2026-01-02T00:00:00Z', seconds: 10800 }
 */
export function dailyReset(nowMs: number = Date.now()): DailyReset {
  const now = Math.floor(nowMs / 1000);
  const seconds = SECONDS_PER_DAY - (now % SECONDS_PER_DAY);
  return { at: new Date((now + seconds) * 1000).toISOString().replace('.000Z', 'Z'), seconds };
}

/** Whether a message template names the daily reset. */
export const namesDailyReset = (template: string): boolean => template.includes('{resets_at}');
