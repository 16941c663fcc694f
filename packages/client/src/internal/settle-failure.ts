/**
 * Steps 4 and 5 of the attempt loop (`attempt-loop.ts`), after a failed attempt: `decide()` (pure,
 * `decide.ts`), then wait and go round again, return the canonical error, or throw an
 * `ErrataError`. Part of the deferred path (`deferred.ts`): a client whose calls succeed does not
 * ship it. It imports nothing of the loop back.
 */
import type { RunningAttempt } from './attempt-timer.js';
import type { CallDescription } from './call-description.js';
import type { CallEvents } from './call-events.js';
import type { CallResult } from './call-result.js';
import type { CallSettings } from './call-settings.js';
import { decide } from './decide.js';
import { type ErrorAnswer, errorResult } from './error-answer.js';
import { sleep } from './sleep.js';
import { abortedInWait, transportError } from './transport-error.js';

/** A failed attempt, as the loop saw it: an error answer read, or what was thrown. */
interface FailedAttempt {
  /** 0 for the first attempt. */
  retry: number;
  /** The answer, when one came (an error answer, or a 2xx whose body failed). */
  response: Response | undefined;
  /** The error answer, read and normalized; none when the attempt threw. */
  answer: ErrorAnswer | undefined;
  thrown: unknown;
  /** The attempt's time limit and abort (none without a limit): why the client stopped it, if it did. */
  running: RunningAttempt | undefined;
  /** When the call's `totalTimeout` runs out (`Date.now()` ms; Infinity when it has none). */
  deadline: number;
}

/**
 * Settles a failed attempt: `undefined` once the wait before the next attempt is over, the call's
 * result for an error answer that is not retried; throws the `ErrataError` of a transport failure
 * that is not retried, or `ABORTED` when the caller aborts during the wait.
 */
export async function settleFailure(
  failed: FailedAttempt,
  call: CallDescription,
  settings: CallSettings,
  emit: CallEvents | undefined,
): Promise<CallResult | undefined> {
  const { retry, response, answer } = failed;
  const attempt = retry + 1;
  const stoppedBy = failed.running?.stoppedBy ?? (call.signal?.aborted ? 'aborted' : undefined);
  const failure = answer ? undefined : transportError(failed.thrown, stoppedBy, !!response, settings.redact);

  // 4. Decide.
  const decision = decide(
    {
      retry,
      headers: answer?.headers,
      bodyRetryAfter: answer?.askedSeconds,
      timeLeft: failed.deadline - Date.now(),
    },
    answer ? answer.policy : failure!.retryable ? 'transport' : 'final',
    settings,
  );

  // 5. Wait, return or throw.
  const code = answer ? answer.envelope.code : failure!.code;
  const requestId = answer?.envelope.request_id || undefined;
  if (decision.retry) {
    const { wait, reason } = decision;
    emit?.('retry', attempt, { status: response?.status, code, requestId, wait, reason });
    if (await sleep(wait, call.signal)) return undefined;
    emit?.('done', attempt, { outcome: 'thrown', code: 'ABORTED', reason: 'not-retryable' });
    throw abortedInWait();
  }
  if (answer) {
    emit?.('done', attempt, { outcome: 'error', status: response!.status, code, requestId, reason: decision.reason });
    return errorResult(response!, answer, decision, call, settings.redact);
  }
  emit?.('done', attempt, { outcome: 'thrown', code, message: failure!.message, reason: decision.reason });
  throw failure;
}
