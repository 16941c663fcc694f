/**
 * A call's events for the `onEvent` hook: each names the call (`callId`, method, path) and the
 * attempt. No hook, no emitter: nothing is built for a call nobody watches.
 */
import type { AttemptEvent, ClientEvent, DoneEvent, OnEvent, RetryEvent } from '../events.js';
import type { CallDescription } from './call-description.js';

type Fields<E> = Omit<E, 'type' | 'method' | 'path' | 'attempt' | 'callId'>;

/** Emits one event of the call; a hook that throws does not change the call's outcome. */
export interface CallEvents {
  (type: 'attempt', attempt: number, fields: Fields<AttemptEvent>): void;
  (type: 'retry', attempt: number, fields: Fields<RetryEvent>): void;
  (type: 'done', attempt: number, fields: Fields<DoneEvent>): void;
}

let calls = 0;

/** The emitter of one call, or `undefined` without a hook. */
export function callEvents(onEvent: OnEvent | undefined, call: CallDescription): CallEvents | undefined {
  if (!onEvent) return undefined;
  const { method, path } = call;
  const callId = ++calls;
  return (type: ClientEvent['type'], attempt: number, fields: object) => {
    try {
      onEvent({ type, callId, method, path, attempt, ...fields } as ClientEvent);
    } catch {}
  };
}
