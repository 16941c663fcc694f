/**
 * How the docs word each retry policy. The policy of every code comes from the catalog; only the
 * explanation of the three policies lives here.
 */
import type { RetryPolicy } from '@errata/types';

/** A policy in a word and what it asks of a client. */
export interface RetryWording {
  label: string;
  advice: string;
}

export const retryWording: Record<RetryPolicy, RetryWording> = {
  never: {
    label: 'never',
    advice:
      'clients do not send the same request again on their own: it fails the same way until something changes ' +
      '(What to do says what, and when).',
  },
  backoff: {
    label: 'backoff',
    advice: 'transient; retry with exponential backoff and jitter.',
  },
  after_retry_after: {
    label: 'after Retry-After',
    advice: 'wait the seconds in Retry-After (and the body’s retry_after), then retry.',
  },
};
