/**
 * `@errata/client/queue`: submit, poll, fetch the result; cancel. They take a client from
 * `createClient` and return data or throw `ErrataError` (unlike the verb methods, which return
 * `{ data, error, response }`). A subpath of its own, so that clients that never queue do not ship it.
 */
import type { components } from '@errata/types';
import type { CallOptions, ErrataClient } from './create-client.js';
import { ErrataError, type ErrorEnvelope, toErrataError } from './errors.js';
import { docUrlOf, factsOf } from './internal/catalog-view.js';
import { sleep } from './internal/sleep.js';

type RunInput = components['schemas']['RunInput'];
/** What the helpers need of a client: `createClient`'s. */
export type QueueClient = Pick<ErrataClient, 'GET' | 'POST' | 'PUT'>;
/** Where a queued request stands (IN_QUEUE, IN_PROGRESS, COMPLETED). */
export type RequestStatus = components['schemas']['RequestStatus'];
/** A completed request's output. */
export type RequestResult = components['schemas']['RequestResult'];

/**
 * `subscribe`'s options. `headers` and `maxRetries` apply to each of its requests,
 * `idempotencyKey` to the submit, `requestTimeout` to each attempt; `timeout` bounds the whole
 * subscription and `signal` stops it.
 */
export interface SubscribeOptions extends Omit<CallOptions, 'timeout'> {
  /** Each request's per-attempt limit in ms (default: the client's `timeout`). */
  requestTimeout?: number;
  /** Called with every status seen, the submit's answer first. */
  onQueueUpdate?: (status: RequestStatus) => void;
  /** Shortest wait between polls in ms (default 500). */
  pollInterval?: number;
  /** Aborting stops polling at once, cancels the job, and throws `ABORTED`. */
  signal?: AbortSignal;
  /**
   * The whole subscription's limit in ms (default: none); on expiry the job is cancelled and
   * `DEADLINE_EXCEEDED` thrown.
   */
  timeout?: number;
}

/**
 * How long to wait before the next poll: half the server's `eta`, or one `pollInterval` per
 * request ahead in the queue; never less than `pollInterval`, never more than ten of them.
 *
 * @example
 * nextPollDelay({ eta: 4, queue_position: 0 } as RequestStatus, 500); // 2000
 */
export function nextPollDelay(status: Pick<RequestStatus, 'eta' | 'queue_position'>, pollInterval: number): number {
  const hint = status.eta !== undefined ? (status.eta * 1000) / 2 : (status.queue_position ?? 0) * pollInterval;
  return Math.min(Math.max(hint, pollInterval), pollInterval * 10);
}

function fail(result: { error?: unknown; response: Response }, jobId?: string): never {
  const body = result.error as ErrorEnvelope;
  // A failed job is known by its own id, not by the id of the poll that found it failed.
  throw toErrataError(body, result.response, body.code === 'REQUEST_FAILED' ? jobId : undefined);
}

// A status endpoint that answers 200 FAILED (not the 400 REQUEST_FAILED envelope): the envelope a
// server would have sent, status and doc_url from the catalog, the job in `details.job`. The
// reason, when the job gives one, is its last error log.
function failed(job: RequestStatus): ErrataError {
  const code = 'REQUEST_FAILED';
  const reason = job.logs
    ?.filter((log) => log.level === 'error')
    .at(-1)
    ?.message.replace(/\.$/, '');
  return toErrataError({
    code,
    message: `Request ${job.request_id} failed${reason ? `: ${reason}` : ''}.`,
    status: factsOf(code).status,
    request_id: job.request_id,
    doc_url: docUrlOf(code),
    details: { job },
  } as ErrorEnvelope);
}

/**
 * Submits `input` to `model`'s queue, polls until COMPLETED and returns the result. FAILED is
 * terminal and thrown as `REQUEST_FAILED` with the provider's message, `requestId`, `docUrl` and
 * `details.job` (whether the status endpoint answered the 400 envelope or a 200 FAILED status); it is
 * never retried with the same request id. A result that fails its schema throws `INVALID_OUTPUT`
 * with `details.validation_errors`. Every call goes through the client's retries.
 *
 * @example
 * const result = await subscribe(
 *   client,
 *   'echo-1',
 *   { prompt: 'Hello' },
 *   { onQueueUpdate: (s) => console.log(s.status) },
 * );
 */
export async function subscribe(
  client: QueueClient,
  model: string,
  input: RunInput,
  options: SubscribeOptions = {},
): Promise<RequestResult> {
  const {
    onQueueUpdate,
    pollInterval = 500,
    signal: userSignal,
    timeout,
    requestTimeout,
    headers,
    maxRetries,
    idempotencyKey,
  } = options;
  // What every request of the subscription carries, beside its own params.
  const each = {
    headers,
    ...(maxRetries === undefined ? {} : { maxRetries }),
    ...(requestTimeout === undefined ? {} : { timeout: requestTimeout }),
  };
  const controller = new AbortController();
  let why: 'ABORTED' | 'DEADLINE_EXCEEDED' | undefined;
  const stop = (reason: 'ABORTED' | 'DEADLINE_EXCEEDED') => {
    why ??= reason;
    controller.abort();
  };
  const onUser = () => stop('ABORTED');
  if (userSignal?.aborted) onUser();
  userSignal?.addEventListener('abort', onUser, { once: true });
  const timer = timeout === undefined ? undefined : setTimeout(stop, timeout, 'DEADLINE_EXCEEDED');
  const signal = controller.signal;
  let requestId: string | undefined;
  try {
    const submitted = await client.POST('/v1/queue/{model}', {
      ...each,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      params: { path: { model } },
      body: input,
      signal,
    });
    if (submitted.error !== undefined) fail(submitted);
    let status: RequestStatus = submitted.data;
    requestId = status.request_id;
    for (;;) {
      onQueueUpdate?.(status);
      if (status.status === 'COMPLETED') break;
      if (status.status === 'FAILED') throw failed(status);
      if (!(await sleep(nextPollDelay(status, pollInterval), signal))) break;
      const polled = await client.GET('/v1/requests/{request_id}/status', {
        ...each,
        params: { path: { request_id: requestId } },
        signal,
      });
      if (polled.error !== undefined) fail(polled, requestId);
      status = polled.data;
    }
    if (!why) {
      const result = await client.GET('/v1/requests/{request_id}', {
        ...each,
        params: { path: { request_id: requestId } },
        signal,
      });
      if (result.error !== undefined) fail(result, requestId);
      return result.data;
    }
  } catch (error) {
    if (!why) throw error;
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener('abort', onUser);
  }
  // Stopped by the caller or the timeout: the job must not run on unobserved. Best effort, in the
  // background, so that the abort takes effect at once.
  if (requestId) cancel(client, requestId, { headers }).catch(() => {});
  throw new ErrataError(
    why,
    why === 'ABORTED'
      ? 'ABORTED: subscribe was aborted; the job was cancelled.'
      : `DEADLINE_EXCEEDED: subscribe took longer than ${timeout} ms; the job was cancelled.`,
  );
}

/**
 * Cancels a queued request; returns its status afterwards (FAILED), or throws `ErrataError`
 * (e.g. `REQUEST_ALREADY_COMPLETED`).
 *
 * @example
 * await cancel(client, 'req_8f14e45fceea167a');
 */
export async function cancel(client: QueueClient, requestId: string, init: CallOptions = {}): Promise<RequestStatus> {
  const result = await client.PUT('/v1/requests/{request_id}/cancel', {
    ...init,
    params: { path: { request_id: requestId } },
  });
  if (result.error !== undefined) fail(result);
  return result.data;
}
