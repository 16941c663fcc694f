// submitRequest, getRequestStatus, getRequestResult, cancelRequest.

import { CatalogError } from '@errata/server';
import type { Context } from 'hono';
import type { SandboxEnv } from '../internal/env.js';
import type { Job } from '../internal/job-queue.js';
import type { SandboxState } from '../internal/state.js';
import { type Handler, type HandlerContext, origin } from './handler.js';
import { outputViolations } from './output.js';
import { prepareRun } from './prepare-run.js';

function statusPayload(state: SandboxState, job: Job, base: string) {
  const url = `${base}/v1/requests/${job.id}`;
  const eta = state.queue.eta(job);
  return {
    request_id: job.id,
    status: job.state,
    queue_position: job.state === 'IN_QUEUE' ? state.queue.position(job) : 0,
    ...(eta !== undefined ? { eta: Math.round(eta * 10) / 10 } : {}),
    // A copy: the job's own list grows as it runs, after this answer was decided.
    logs: [...job.logs],
    status_url: `${url}/status`,
    response_url: url,
    cancel_url: `${url}/cancel`,
  };
}

/**
 * The caller's job, or INVALID_REQUEST_ID / REQUEST_NOT_FOUND. Another account's job does not exist for this caller.
 */
function findJob({ c, state, account }: HandlerContext): Job {
  const id = c.req.param('request_id')!;
  if (!state.requestId(id)) throw new CatalogError('INVALID_REQUEST_ID', { params: { request_id: id } });
  const job = state.queue.get(id);
  if (!job || job.accountId !== account.id) throw new CatalogError('REQUEST_NOT_FOUND', { params: { request_id: id } });
  return job;
}

/**
 * A FAILED job's error: the status is always REQUEST_FAILED; the result says REQUEST_CANCELLED when
 * the client cancelled it.
 */
function failed(c: Context<SandboxEnv>, state: SandboxState, job: Job, forResult: boolean): CatalogError {
  const details = { job: statusPayload(state, job, origin(c)) };
  if (job.cancelled && forResult)
    return new CatalogError('REQUEST_CANCELLED', { params: { request_id: job.id }, details });
  return new CatalogError('REQUEST_FAILED', {
    params: { request_id: job.id, reason: job.outcome?.failure ?? 'unknown' },
    details,
  });
}

export const submitRequest: Handler = async (context) => {
  const { c, state, account } = context;
  const run = await prepareRun(context);
  if (state.queue.activeCount(account.id) >= state.options.queueLimit) {
    // A slot frees when a job finishes: about one job duration away.
    throw new CatalogError('QUEUE_LIMIT_EXCEEDED', {
      params: { limit: state.options.queueLimit },
      retryAfter: Math.max(1, Math.ceil(state.options.jobDurationMs / 1000)),
    });
  }
  const job = state.queue.submit(account.id, run.model, run.input);
  // An Idempotency-Key replay (the kit's stage) is this response, as it was: the same job.
  return c.json(statusPayload(state, job, origin(c)), 202);
};

export const getRequestStatus: Handler = async (context) => {
  const { c, state } = context;
  const job = findJob(context);
  if (job.state === 'FAILED') throw failed(c, state, job, false);
  return c.json(statusPayload(state, job, origin(c)));
};

export const getRequestResult: Handler = async (context) => {
  const { c, state } = context;
  const job = findJob(context);
  if (job.state === 'FAILED') throw failed(c, state, job, true);
  if (job.state !== 'COMPLETED') throw new CatalogError('REQUEST_NOT_COMPLETED', { params: { request_id: job.id } });
  const violations = outputViolations(state, job.model, job.outcome!.output);
  if (violations) throw new CatalogError('INVALID_OUTPUT', { details: { validation_errors: violations } });
  return c.json({ request_id: job.id, status: 'COMPLETED', model: job.model.id, output: job.outcome!.output });
};

export const cancelRequest: Handler = async (context) => {
  const { c, state } = context;
  const job = findJob(context);
  if (job.state === 'COMPLETED' || job.state === 'FAILED')
    throw new CatalogError('REQUEST_ALREADY_COMPLETED', { params: { request_id: job.id } });
  state.queue.cancel(job);
  return c.json(statusPayload(state, job, origin(c)));
};
