// The queue over real HTTP: the state machine, cancel, result before completion, output that
// breaks its schema, the per-key queue limit, and idempotent submits (one job, however retried).
import { describe, expect, it } from 'vitest';
import { call, settle, useSandbox } from './test-support/http.js';
import { manualClock } from './test-support/manual-clock.js';

// Time moves only when a test moves it: a job is read before it completes however slow the
// machine, and completes without anyone waiting for it.
const clock = manualClock();
const jobDurationMs = 1_000;
const sandbox = useSandbox({ rateLimit: 100_000, jobDurationMs, queueLimit: 5, workers: 2, clock });
const submit = (model: string, body: unknown, headers: Record<string, string> = {}, key?: string) =>
  call(sandbox().url, 'POST', `/v1/queue/${model}`, { body, headers, ...(key ? { key } : {}) });

describe('the queue', () => {
  it('moves IN_QUEUE → IN_PROGRESS → COMPLETED, and answers REQUEST_NOT_COMPLETED before that', async () => {
    const queued = await submit('echo-1', { prompt: 'hello queue' });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    expect(queued.body.eta).toBeGreaterThan(0);
    const early = await call(sandbox().url, 'GET', `/v1/requests/${queued.body.request_id}`);
    expect(early.body.code).toBe('REQUEST_NOT_COMPLETED');
    const status = async () =>
      (await call(sandbox().url, 'GET', `/v1/requests/${queued.body.request_id}/status`)).body.status;
    // A free worker starts it as soon as the submit has answered; it runs one job duration.
    const seen = [await status()];
    clock.advance(jobDurationMs - 1);
    seen.push(await status());
    clock.advance(1);
    seen.push(await status());
    expect(seen).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']);
    const result = await call(sandbox().url, 'GET', queued.body.response_url.replace(sandbox().url, ''));
    expect(result.body).toEqual({
      request_id: queued.body.request_id,
      status: 'COMPLETED',
      model: 'echo-1',
      output: { text: 'hello queue', finish_reason: 'stop' },
    });
  });

  it('cancel: status REQUEST_FAILED, result REQUEST_CANCELLED, a second cancel REQUEST_ALREADY_COMPLETED', async () => {
    const { body } = await submit('slow-1', { prompt: 'cancel me' });
    const cancelled = await call(sandbox().url, 'PUT', `/v1/requests/${body.request_id}/cancel`);
    expect(cancelled.body.status).toBe('FAILED');
    const status = await call(sandbox().url, 'GET', `/v1/requests/${body.request_id}/status`);
    expect([status.status, status.body.code, status.body.details.job.status]).toEqual([
      400,
      'REQUEST_FAILED',
      'FAILED',
    ]);
    expect((await call(sandbox().url, 'GET', `/v1/requests/${body.request_id}`)).body.code).toBe('REQUEST_CANCELLED');
    expect((await call(sandbox().url, 'PUT', `/v1/requests/${body.request_id}/cancel`)).body.code).toBe(
      'REQUEST_ALREADY_COMPLETED',
    );
  });

  it.each([
    {
      name: 'a model whose output breaks its schema',
      given: 'broken-1',
      want: { status: 422, code: 'INVALID_OUTPUT' },
    },
    { name: 'a model that fails', given: 'fail-1', want: { status: 400, code: 'REQUEST_FAILED' } },
  ])('answers the result of $name with $want.code', async ({ given, want }) => {
    const { body } = await submit(given, { prompt: 'p' });
    await settle(sandbox().url, body.request_id, clock);
    const result = await call(sandbox().url, 'GET', `/v1/requests/${body.request_id}`);
    expect([result.status, result.body.code]).toEqual([want.status, want.code]);
    if (want.code === 'INVALID_OUTPUT')
      expect(result.body.details.validation_errors[0]).toEqual({
        instancePath: '/output/text',
        message: 'must be string',
      });
  });

  it.each([
    { name: 'a malformed id', given: 'req-1', want: 'INVALID_REQUEST_ID' },
    { name: 'an unknown id', given: 'req_0000000000000000', want: 'REQUEST_NOT_FOUND' },
  ])('answers $want for $name', async ({ given, want }) => {
    expect((await call(sandbox().url, 'GET', `/v1/requests/${given}/status`)).body.code).toBe(want);
  });

  it("hides another key's jobs", async () => {
    const { body } = await submit('echo-1', { prompt: 'mine' });
    expect(
      (await call(sandbox().url, 'GET', `/v1/requests/${body.request_id}/status`, { key: 'sk_test_readonly' })).body
        .code,
    ).toBe('REQUEST_NOT_FOUND');
  });

  it('limits queued jobs per key, with Retry-After', async () => {
    // sk_test_free has no other jobs in this file.
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await submit('slow-1', { prompt: `job ${i}` }, {}, 'sk_test_free'));
    expect(replies.slice(0, 5).map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const limited = replies[5]!;
    expect([limited.status, limited.body.code]).toEqual([429, 'QUEUE_LIMIT_EXCEEDED']);
    expect(limited.body.retry_after).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('retry-after')).toBe(String(limited.body.retry_after));
  });
});

describe('Idempotency-Key', () => {
  it('turns concurrent duplicate submits into exactly one job', async () => {
    const headers = { 'Idempotency-Key': 'concurrent-1' };
    const before = sandbox().state.queue.size;
    const replies = await Promise.all(Array.from({ length: 20 }, () => submit('echo-1', { prompt: 'once' }, headers)));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([202]));
    expect(new Set(replies.map((r) => r.body.request_id)).size).toBe(1);
    expect(sandbox().state.queue.size - before).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
  });

  it('gives a retry after a lost response the same job', async () => {
    const headers = { 'Idempotency-Key': 'lost-response-1' };
    const before = sandbox().state.queue.size;
    // The first response's body is never read: the client "lost" it.
    const controller = new AbortController();
    const first = fetch(`${sandbox().url}/v1/queue/echo-1`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_valid', 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ prompt: 'lost' }),
      signal: controller.signal,
    });
    expect((await first).status).toBe(202);
    controller.abort();
    const retry = await submit('echo-1', { prompt: 'lost' }, headers);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const again = await submit('echo-1', { prompt: 'lost' }, headers);
    expect(again.body.request_id).toBe(retry.body.request_id);
    expect(sandbox().state.queue.size - before).toBe(1);
  });

  it('answers IDEMPOTENCY_CONFLICT when the key is reused for another request', async () => {
    await submit('echo-1', { prompt: 'a' }, { 'Idempotency-Key': 'conflict-1' });
    const reply = await submit('echo-1', { prompt: 'b' }, { 'Idempotency-Key': 'conflict-1' });
    expect([reply.status, reply.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });
});
