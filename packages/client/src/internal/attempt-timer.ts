/**
 * The timer strategy: how an attempt's time limit and the caller's abort become the one signal its
 * fetch gets, and which of them stopped it. A leaf: it imports nothing of the client.
 *
 * Two profiling wins live here, behind `startAttempt`, and nowhere else:
 * - Creating an AbortSignal is the largest cost of a call after the fetch itself (~15 %, most of it
 *   undici's `makeTransferable`), so an attempt that ended cleanly (never aborted, its body read to
 *   the end) hands its controller to a later one. Its request is over, so a later abort reaches
 *   nothing of it; each is reused a bounded number of times, so the listeners fetch leaves on it
 *   (removed when its Request is collected) stay few.
 * - A setTimeout per attempt cost as much again: a client keeps one timer, set for the earliest end
 *   of its running attempts, and unref'd (not cleared) when none is left, so the next attempt only
 *   re-refs it.
 */

/** Why an attempt was stopped: the caller's abort, its own `timeout`, or the call's `totalTimeout`. */
export type StopReason = 'aborted' | 'timeout' | 'deadline';

/** One client's timers: its spare controllers and its one timer. */
export interface AttemptTimers {
  readonly spare: Spare[];
  /** The running attempts that have an end. */
  readonly running: Set<RunningAttempt>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When `timer` fires (`performance.now()` ms); Infinity when there is none. */
  firesAt: number;
}

/** A client's timers: no spare controller, no timer. */
export const newAttemptTimers = (): AttemptTimers => ({
  spare: [],
  running: new Set(),
  timer: undefined,
  firesAt: Infinity,
});

/** A controller and how often it has served (a WeakMap entry per attempt cost more, profiled). */
interface Spare {
  controller: AbortController;
  uses: number;
}

const MAX_SPARE = 16;
const MAX_USES = 64;
const MAX_TIMER = 2_147_483_647;

/** One attempt with a time limit: the signal its fetch gets, and why it was stopped, if it was. */
export interface RunningAttempt {
  readonly signal: AbortSignal;
  /** The first reason it was stopped for, once it was. */
  stoppedBy: StopReason | undefined;
  /** When the limit is reached (`performance.now()` ms: monotonic, a clock change moves no end). */
  readonly endsAt: number;
  /** What reaching it means. */
  readonly endReason: StopReason;
  /** Stops the attempt: the first reason given is the one kept. */
  stop(reason: StopReason): void;
  /** Ends the time limit only: a stream outlives `timeout`, but the caller's abort still stops it. */
  stopTimer(): void;
  /**
   * The attempt is over: its timer and abort listener go. `reusable`: its request finished cleanly,
   * its body read to the end, so its controller may serve a later attempt.
   */
  finish(reusable: boolean): void;
}

/**
 * Starts an attempt limited to `limit` ms (`endReason` says what reaching it means), stopped too by
 * the caller's signal. `undefined` when nothing but the caller can stop it: nothing is allocated,
 * and the Request already carries the caller's signal.
 */
export function startAttempt(
  timers: AttemptTimers,
  limit: number,
  endReason: StopReason,
  caller: AbortSignal | undefined,
): RunningAttempt | undefined {
  if (limit === Infinity) return undefined;
  const spare = timers.spare.pop() ?? { controller: new AbortController(), uses: 0 };
  const onCallerAbort = () => attempt.stop('aborted');
  const attempt: RunningAttempt = {
    signal: spare.controller.signal,
    stoppedBy: undefined,
    endsAt: performance.now() + limit,
    endReason,
    stop(reason) {
      attempt.stoppedBy ??= reason;
      spare.controller.abort();
    },
    stopTimer() {
      const { running, timer } = timers;
      if (!running.delete(attempt) || running.size > 0 || !timer) return;
      // Nothing left to time: the timer must not keep the process alive. Where it can be unref'd it
      // stays for the next attempt (a later end is found when it fires); elsewhere it is cleared.
      if (typeof (timer as { unref?: unknown }).unref === 'function') (timer as unknown as { unref(): void }).unref();
      else {
        clearTimeout(timer);
        timers.timer = undefined;
        timers.firesAt = Infinity;
      }
    },
    finish(reusable) {
      attempt.stopTimer();
      caller?.removeEventListener('abort', onCallerAbort);
      if (reusable && !attempt.signal.aborted && ++spare.uses < MAX_USES && timers.spare.length < MAX_SPARE)
        timers.spare.push(spare);
    },
  };
  if (caller?.aborted) attempt.stop('aborted');
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  timers.running.add(attempt);
  if (attempt.endsAt < timers.firesAt) schedule(timers, attempt.endsAt);
  else (timers.timer as { ref?: () => void } | undefined)?.ref?.();
  return attempt;
}

// The timer fired: stop every attempt past its end, and set the timer for the next end.
function fire(timers: AttemptTimers): void {
  timers.timer = undefined;
  timers.firesAt = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const attempt of timers.running) {
    if (attempt.endsAt <= now) {
      timers.running.delete(attempt);
      attempt.stop(attempt.endReason);
    } else if (attempt.endsAt < next) next = attempt.endsAt;
  }
  if (next !== Infinity) schedule(timers, next);
}

function schedule(timers: AttemptTimers, at: number): void {
  if (timers.timer) clearTimeout(timers.timer);
  timers.firesAt = at;
  timers.timer = setTimeout(fire, Math.min(Math.max(Math.ceil(at - performance.now()), 0), MAX_TIMER), timers);
}
