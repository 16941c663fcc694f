// Idempotency-Key on runModel and uploadFile over real HTTP: a retry gets the first response and
// never runs or uploads twice (concurrent duplicates included); another request under the key is
// IDEMPOTENCY_CONFLICT; streams are not replayed. The kit's stage does it (its store has its own tests).
import { describe, expect, it } from 'vitest';
import type { SandboxState } from './internal/state.js';
import { call, type Reply, useSandbox } from './test-support/http.js';

const sandbox = useSandbox({ rateLimit: 100_000, concurrencyLimit: 50 });

function form(name: string, content: string): FormData {
  const body = new FormData();
  body.append('file', new Blob([content]), name);
  body.append('purpose', 'finetune');
  return body;
}

interface Case {
  name: string;
  /** Sends the request; `variant` 'b' is another request than 'a'. */
  send: (key: string, variant: 'a' | 'b') => Promise<Reply>;
  /** How many times the operation really ran. */
  executions: (state: SandboxState) => number;
  status: number;
}

const cases: Case[] = [
  {
    name: 'runModel',
    send: (key, variant) =>
      call(sandbox().url, 'POST', '/v1/models/echo-1/run', {
        body: { prompt: `say ${variant}` },
        headers: { 'Idempotency-Key': key },
      }),
    executions: (state) => state.runs,
    status: 200,
  },
  {
    name: 'uploadFile',
    send: (key, variant) =>
      call(sandbox().url, 'POST', '/v1/files', {
        body: form(`${variant}.json`, `{"v":"${variant}"}`),
        headers: { 'Idempotency-Key': key },
      }),
    executions: (state) => state.files.size,
    status: 201,
  },
];

describe('Idempotency-Key', () => {
  it.each(cases)(
    '$name: a retry gets the first response, and runs nothing',
    async ({ name, send, executions, status }) => {
      const before = executions(sandbox().state);
      const first = await send(`retry-${name}`, 'a');
      const retry = await send(`retry-${name}`, 'a');
      expect([first.status, retry.status]).toEqual([status, status]);
      expect(retry.body).toEqual(first.body);
      expect([first.headers.get('idempotent-replayed'), retry.headers.get('idempotent-replayed')]).toEqual([
        null,
        'true',
      ]);
      // Each response has its own X-Request-Id: the replay is another request.
      expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
      expect(executions(sandbox().state) - before).toBe(1);
    },
  );

  it.each(cases)('$name: concurrent duplicates run once', async ({ name, send, executions, status }) => {
    const before = executions(sandbox().state);
    const replies = await Promise.all(Array.from({ length: 10 }, () => send(`concurrent-${name}`, 'a')));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([status]));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(executions(sandbox().state) - before).toBe(1);
  });

  it.each(cases)(
    '$name: another request under a used key is IDEMPOTENCY_CONFLICT',
    async ({ name, send, executions }) => {
      await send(`conflict-${name}`, 'a');
      const before = executions(sandbox().state);
      const reply = await send(`conflict-${name}`, 'b');
      expect([reply.status, reply.body.code, reply.body.request_id]).toEqual([
        409,
        'IDEMPOTENCY_CONFLICT',
        reply.headers.get('x-request-id'),
      ]);
      expect(executions(sandbox().state) - before).toBe(0);
    },
  );

  it('runModel: a failed run is not kept, so its retry runs again', async () => {
    const before = sandbox().state.runs;
    const replies = [];
    for (let i = 0; i < 2; i++)
      replies.push(
        await call(sandbox().url, 'POST', '/v1/models/fail-1/run', {
          body: { prompt: 'x' },
          headers: { 'Idempotency-Key': 'failing-run' },
        }),
      );
    expect(replies.map((r) => [r.status, r.body.code, r.headers.get('idempotent-replayed')])).toEqual([
      [500, 'PROCESSING_ERROR', null],
      [500, 'PROCESSING_ERROR', null],
    ]);
    expect(sandbox().state.runs - before).toBe(2);
  });

  it('runModel: a streamed run is never replayed', async () => {
    const stream = () =>
      fetch(`${sandbox().url}/v1/models/echo-1/run`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer sk_test_valid',
          'Content-Type': 'application/json',
          'Idempotency-Key': 'streamed',
          'Errata-Stream-Pace-Ms': '0',
        },
        body: JSON.stringify({ prompt: 'one two', stream: true }),
      });
    for (const response of [await stream(), await stream()]) {
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('idempotent-replayed')).toBeNull();
      expect(await response.text()).toContain('event: done');
    }
  });
});
