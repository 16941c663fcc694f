/**
 * A client's settings, with a call's own options merged over them: what the attempt loop runs by.
 * A leaf: types only.
 */
import type { Redactor } from '@errata/redact';
import type { OnEvent } from '../events.js';
import type { RetrySettings } from '../retry-policy.js';
import type { AttemptTimers } from './attempt-timer.js';
import type { Normalizer } from './envelope.js';

/** What the client calls to send one attempt: a standard fetch. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface CallSettings extends RetrySettings {
  fetch: FetchLike;
  /** One attempt's limit in ms, body included. */
  timeout: number;
  /** The whole call's limit in ms, across attempts and waits. */
  totalTimeout: number;
  /** `undefined`: Errata's envelope (`normalizeEnvelope`, loaded with the error path). */
  normalize: Normalizer | undefined;
  redact: Redactor;
  maxErrorBodyBytes: number;
  /** The request-id header (`x-request-id` unless the client's `requestIdHeader` says); read from Headers, any case. */
  idHeader: string;
  onEvent: OnEvent | undefined;
  timers: AttemptTimers;
}
