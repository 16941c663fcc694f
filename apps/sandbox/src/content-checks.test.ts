// Two refusals over real HTTP that need no Errata-Simulate: a prompt the content policy refuses
// (PROMPT_VIOLATION, on runModel and submitRequest) and a run that asks an image model to stream
// (UNSUPPORTED_MODEL, as JSON before any stream). Each is checked against the bundled spec's
// response for its operation, and neither runs, queues or charges anything.
import { createResponseChecker } from '@errata/contract';
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { call, useSandbox } from './test-support/http.js';

const sandbox = useSandbox({ rateLimit: 100_000 });
const checker = createResponseChecker(model.document);
const operation = (id: string) => model.operation(id)!;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox().url}${path}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_valid', 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the content policy', () => {
  it.each([
    {
      name: 'the marker in a run prompt',
      given: { path: '/v1/models/echo-1/run', operationId: 'runModel', body: { prompt: 'say something forbidden' } },
      want: 'prompt',
    },
    {
      name: 'the marker in any case',
      given: { path: '/v1/models/echo-1/run', operationId: 'runModel', body: { prompt: 'FORBIDDEN words' } },
      want: 'prompt',
    },
    {
      name: 'the marker in a streamed run',
      given: {
        path: '/v1/models/echo-1/run',
        operationId: 'runModel',
        body: { prompt: 'a forbidden tale', stream: true },
      },
      want: 'prompt',
    },
    {
      name: 'the marker in an image prompt',
      given: { path: '/v1/models/pixel-1/run', operationId: 'runModel', body: { prompt: 'a Forbidden city' } },
      want: 'prompt',
    },
    {
      name: 'the marker in a negative prompt',
      given: {
        path: '/v1/models/pixel-1/run',
        operationId: 'runModel',
        body: { prompt: 'a city', negative_prompt: 'forbidden.' },
      },
      want: 'negative_prompt',
    },
    {
      name: 'the marker in a queued prompt',
      given: { path: '/v1/queue/echo-1', operationId: 'submitRequest', body: { prompt: 'forbidden' } },
      want: 'prompt',
    },
  ])('$name → 400 PROMPT_VIOLATION naming $want', async ({ given, want }) => {
    const runs = sandbox().state.runs;
    const jobs = sandbox().state.queue.size;
    const reply = await post(given.path, given.body);
    expect(checker.check(operation(given.operationId), reply, { code: 'PROMPT_VIOLATION' })).toEqual([]);
    expect(reply.headers.get('content-type')).toBe('application/json');
    const body = JSON.parse(reply.text);
    expect([body.status, body.code, body.details.field]).toEqual([400, 'PROMPT_VIOLATION', want]);
    expect(body.details.issue).toContain('"forbidden"');
    expect([sandbox().state.runs, sandbox().state.queue.size]).toEqual([runs, jobs]);
  });

  it.each([
    { name: 'a word that only contains the marker', given: { prompt: 'unforbiddenly' }, want: 'unforbiddenly' },
    { name: 'an ordinary prompt', given: { prompt: 'allowed words' }, want: 'allowed words' },
  ])('lets $name through', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', { body: given });
    expect([reply.status, reply.body.output.text]).toEqual([200, want]);
  });

  it('is checked before the balance: a broke key still learns its prompt is refused', async () => {
    const reply = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', {
      key: 'sk_test_broke',
      body: { prompt: 'forbidden' },
    });
    expect([reply.status, reply.body.code]).toEqual([400, 'PROMPT_VIOLATION']);
  });
});

describe('a streamed run of an image model', () => {
  it.each<{ name: string; given: { body: Record<string, unknown>; headers: Record<string, string> } }>([
    { name: 'stream: true', given: { body: { prompt: 'a cat', stream: true }, headers: {} } },
    {
      name: 'Accept: text/event-stream',
      given: { body: { prompt: 'a cat' }, headers: { Accept: 'text/event-stream' } },
    },
    {
      name: 'stream: true with an input the schema refuses',
      given: { body: { prompt: 'a cat', width: 1, stream: true }, headers: {} },
    },
  ])('$name → 400 UNSUPPORTED_MODEL as JSON, before any stream', async ({ given }) => {
    const reply = await post('/v1/models/pixel-1/run', given.body, given.headers);
    expect(checker.check(operation('runModel'), reply, { code: 'UNSUPPORTED_MODEL' })).toEqual([]);
    expect(reply.headers.get('content-type')).toBe('application/json');
    const body = JSON.parse(reply.text);
    expect([body.status, body.code, body.message, body.details.field]).toEqual([
      400,
      'UNSUPPORTED_MODEL',
      'Model pixel-1 is not supported for this task.',
      'stream',
    ]);
  });

  it.each([
    {
      name: 'stream: false',
      given: { prompt: 'a cat', stream: false },
      want: { status: 400, code: 'INVALID_FIELD_VALUE' },
    },
    { name: 'no stream asked for', given: { prompt: 'a cat' }, want: { status: 200, code: undefined } },
  ])('$name is not a streaming request', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'POST', '/v1/models/pixel-1/run', { body: given });
    expect([reply.status, reply.body.code]).toEqual([want.status, want.code]);
  });

  it('a queued image request is not a stream: Accept does not matter there', async () => {
    const reply = await call(sandbox().url, 'POST', '/v1/queue/pixel-1', {
      body: { prompt: 'a cat' },
      headers: { Accept: 'text/event-stream' },
    });
    expect(reply.status).toBe(202);
  });
});
