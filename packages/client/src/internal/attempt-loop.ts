/**
 * One logical call, start to end: the fetch the client hands openapi-fetch. Each attempt runs
 *
 *   1. arm the deadline: the attempt ends at `timeout`, or at the call's `totalTimeout` if nearer;
 *   2. fetch;
 *   3. read the whole answer, a 2xx body too, so that a body that breaks off or stalls is a failed
 *      attempt like a refused connection; an error answer is normalized to its canonical code;
 *   4. `decide()` (pure, `decide.ts`): wait and retry, or stop;
 *   5. wait, return (data, or the canonical error) or throw (an `ErrataError`).
 *
 * Only `ErrataError`s are thrown. Steps 4 and 5 (`settle-failure.ts`), and the reading of error
 * answers, run only after a failure: they come through `loadDeferred()`, the client's one lazy seam
 * (`deferred.ts`), so that the main entry stays in its size budget. The time limits come from the
 * timer strategy (`attempt-timer.ts`).
 */
import { type RunningAttempt, startAttempt } from './attempt-timer.js';
import type { CallDescription } from './call-description.js';
import { callEvents } from './call-events.js';
import type { CallResult } from './call-result.js';
import type { CallSettings } from './call-settings.js';
import type { ErrorAnswer } from './error-answer.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { deferredModule, loadDeferred } from './load-deferred.js';
import { readBounded } from './read-body.js';

/** Sends one logical call with retries, and reads its answer. */
export async function runCall(request: Request, call: CallDescription, settings: CallSettings): Promise<CallResult> {
  const deadline = Date.now() + settings.totalTimeout;
  const emit = callEvents(settings.onEvent, call);
  const init: RequestInit = {};
  // A header read is not free: the key is looked for only where it is sent or named (a POST, a key
  // of the caller's, an `attempt` event); elsewhere a key already in the headers goes out as it is.
  const idempotencyKey =
    emit || call.method === 'POST' || call.idempotencyKey !== undefined ? keyed(request, call, init) : undefined;
  // The body is read once into a Blob, which fetch can send again: on every attempt and on a 307/308
  // redirect (undici detaches an ArrayBuffer on its first send, and a stream is sent once).
  if (request.body) init.body = await request.blob();

  for (let retry = 0; ; retry++) {
    const attempt = retry + 1;
    // 1. Arm the deadline.
    const timeLeft = deadline - Date.now();
    const { timeout } = settings;
    const running = startAttempt(
      settings.timers,
      Math.min(timeout, timeLeft),
      timeLeft <= timeout ? 'deadline' : 'timeout',
      call.signal,
    );
    if (running) init.signal = running.signal;
    emit?.('attempt', attempt, { idempotencyKey });

    let response: Response | undefined;
    let answer: ErrorAnswer | undefined;
    let thrown: unknown;
    try {
      // 2. Fetch.
      response = await settings.fetch(request, init);
      // 3. Read the answer.
      if (response.ok) {
        const result = call.streaming ? streamResult(response, running) : await readData(response, call, settings);
        if (!call.streaming) running?.finish(true);
        emit?.('done', attempt, {
          outcome: 'data',
          status: response.status,
          requestId: response.headers.get(settings.idHeader) ?? undefined,
        });
        return result;
      }
      answer = await (deferredModule() ?? (await loadDeferred())).readErrorAnswer(response, settings);
      // A body cut at the limit was cancelled, not read to its end: its controller is not reused.
      running?.finish(!answer.read.truncated);
    } catch (cause) {
      running?.finish(false);
      thrown = cause;
    }

    // 4 and 5. The attempt failed: the rest is the failure path, behind the one lazy seam
    // (`settle-failure.ts`), which waits and comes back for the next attempt, returns or throws.
    const failurePath = deferredModule() ?? (await loadDeferred());
    const result = await failurePath.settleFailure(
      { retry, response, answer, thrown, running, deadline },
      call,
      settings,
      emit,
    );
    if (result) return result;
  }
}

/**
 * The Idempotency-Key every attempt sends. Every POST in the spec declares it, and a POST is retried
 * only with one: one key per logical call (the caller's, when it set one), the same on every
 * attempt, so that a retry is answered with the first attempt's outcome and never runs the
 * operation twice. Sets `init.headers` when the key is not the one the request already carries.
 */
function keyed(request: Request, call: CallDescription, init: RequestInit): string | undefined {
  const sent = request.headers.get('idempotency-key') ?? undefined;
  let idempotencyKey = call.idempotencyKey ?? sent;
  if (!idempotencyKey && call.method === 'POST') idempotencyKey = newIdempotencyKey();
  if (idempotencyKey && idempotencyKey !== sent) {
    init.headers = new Headers(request.headers);
    init.headers.set('idempotency-key', idempotencyKey);
  }
  return idempotencyKey;
}

/**
 * A 2xx, read as the caller asked. Every 2xx the spec declares has a JSON body, so an empty one (a
 * 204, a `Content-Length: 0`, an empty chunked body) is `INVALID_RESPONSE`, like a body that is not
 * JSON: never `data: undefined` for the caller's next line to trip on. A HEAD, and a body read as
 * text, a Blob or bytes, are read on the deferred path (`other-data.ts`).
 */
async function readData(response: Response, call: CallDescription, settings: CallSettings): Promise<CallResult> {
  if (call.method === 'HEAD' || call.parseAs !== 'json')
    return (deferredModule() ?? (await loadDeferred())).otherData(response, call);
  const { text } = await readBounded(response, Infinity);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw (await loadDeferred()).notJson(response, text, settings);
  }
  return call.forMiddleware ? { response, forOpenapiFetch: new Response(text, response) } : { data, response };
}

/**
 * A stream's 2xx, handed back unread: its body is the caller's, under the caller's abort, not the
 * attempt's time limit; the attempt ends when the stream does (`release`).
 */
function streamResult(response: Response, running: RunningAttempt | undefined): CallResult {
  running?.stopTimer();
  return { response, forOpenapiFetch: response, release: () => running?.finish(false) };
}
