// The provider sandbox over real HTTP on 127.0.0.1: faults by code and by case with their headers,
// the refusal of what the corpus does not hold, each Retry-After form, schedules, scenarios that
// record every attempt, and streams that error, are cut or stall.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus.js';
import { answerFault, documentedRule } from './faults/choose-case.js';
import { providerApis } from './providers/index.js';
import { manualClock } from './test-support/manual-clock.js';
import { type Served, serveSandbox } from './test-support/serve.js';

const corpus = loadCorpus();
const clock = manualClock(Date.UTC(2026, 11, 7));
let sandbox: Served;
beforeAll(async () => {
  sandbox = await serveSandbox({ corpus, clock, stallMs: 5_000 });
});
afterAll(() => sandbox.close());

const chat = (headers: Record<string, string>, body: Record<string, unknown> = {}, prefix = '') =>
  fetch(`${sandbox.url}${prefix}/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [], ...body }),
  });

describe('faults by code and by case', () => {
  it('answers a code with the provider’s corpus case: status, headers and body as sent', async () => {
    const fault = answerFault(corpus, 'openai', { code: 'RATE_LIMIT_EXCEEDED' });
    const response = await chat({ 'errata-simulate': 'RATE_LIMIT_EXCEEDED' });
    expect(response.status).toBe(fault.status);
    expect(await response.text()).toBe(fault.body);
    expect(response.headers.get('errata-fault-case')).toBe(fault.id);
    expect(response.headers.get('errata-fault-source')).toBe(fault.source);
    for (const [name, value] of Object.entries(fault.headers)) expect(response.headers.get(name)).toBe(value);
  });

  it('answers a corpus case by id', async () => {
    const wanted = corpus.get('anthropic')!.find((c) => c.given.body && (c.given.status ?? 0) >= 400)!;
    const response = await fetch(`${sandbox.url}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'errata-simulate-case': wanted.id },
      body: '{}',
    });
    expect(response.status).toBe(wanted.given.status);
    expect(await response.text()).toBe(wanted.given.body);
  });

  it.each<{ name: string; given: Record<string, string>; want: { status: number; type: string; source: RegExp } }>([
    {
      name: 'a crosswalk entry by id, with the document it cites',
      given: { 'errata-simulate-case': 'crosswalk:bedrock:ServiceQuotaExceededException' },
      want: { status: 400, type: 'ServiceQuotaExceededException', source: /botocore.*service-2\.json$/ },
    },
    {
      name: 'an AWS SDK error case by code, written as Bedrock’s rest-json',
      given: { 'errata-simulate': 'PROMPT_TOO_LONG' },
      want: { status: 400, type: 'ValidationException', source: /assessment-generator\/issues\/2$/ },
    },
  ])('answers Bedrock with $name', async ({ given, want }) => {
    const response = await fetch(`${sandbox.url}/bedrock/model/m/converse`, { method: 'POST', headers: given });
    expect(response.status).toBe(want.status);
    expect(response.headers.get('x-amzn-errortype')).toBe(want.type);
    expect(response.headers.get('errata-fault-source')).toMatch(want.source);
    expect(Object.keys(await response.json())).toEqual(['message']);
  });

  it('refuses on Bedrock in Bedrock’s envelope, so that the AWS SDK shows why', async () => {
    const response = await fetch(`${sandbox.url}/bedrock/model/m/converse`, {
      method: 'POST',
      headers: { 'errata-simulate': 'PROMPT_VIOLATION' },
    });
    expect(response.status).toBe(501);
    expect(response.headers.get('x-amzn-errortype')).toBe('ErrataProviderSandboxRefusal');
    expect(((await response.json()) as { message: string }).message).toMatch(/no bedrock error answer/);
  });

  it('refuses a code the corpus holds no case for, naming the codes it can answer', async () => {
    const response = await chat({ 'errata-simulate': 'FINETUNE_MISSING_FILES' });
    expect(response.status).toBe(501);
    expect(response.headers.get('errata-fault-refused')).toBe('true');
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/no openai error answer for FINETUNE_MISSING_FILES.*RATE_LIMIT_EXCEEDED/);
  });

  it('refuses a header it cannot honour, saying which', async () => {
    const response = await chat({ 'errata-simulate-stream': 'drop' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cut or stall/);
  });

  it.each([
    { given: '30', want: ['retry-after', '30'] },
    { given: 'ms:1500', want: ['retry-after-ms', '1500'] },
    { given: 'date:60', want: ['retry-after', new Date(clock.now() + 60_000).toUTCString()] },
  ])('states the wait asked for ($given)', async ({ given, want }) => {
    const response = await chat({ 'errata-simulate': 'RATE_LIMIT_EXCEEDED', 'errata-simulate-retry-after': given });
    expect(response.headers.get(want[0]!)).toBe(want[1]);
  });
});

describe('scenarios', () => {
  it('fail as many times as planned, then succeed, recording every attempt', async () => {
    const created = await fetch(`${sandbox.url}/_scenarios`, {
      method: 'POST',
      body: JSON.stringify({ code: 'OVERLOADED', times: 2 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const statuses = [];
    for (const key of ['k1', 'k1', 'k1'])
      statuses.push((await chat({ 'idempotency-key': key }, {}, `/s/${id}`)).status);
    expect(statuses.slice(0, 2).every((s) => s >= 400)).toBe(true);
    expect(statuses[2]).toBe(200);
    const { attempts } = (await (await fetch(`${sandbox.url}/_scenarios/${id}`)).json()) as {
      attempts: { answered: string; idempotencyKey: string }[];
    };
    expect(attempts.map((a) => a.answered)).toEqual(['fault', 'fault', 'success']);
    expect(attempts.map((a) => a.idempotencyKey)).toEqual(['k1', 'k1', 'k1']);
  });

  it('count attempts by Errata-Simulate-Key when the plan comes in headers', async () => {
    const headers = {
      'errata-simulate': 'OVERLOADED',
      'errata-simulate-times': '1',
      'errata-simulate-key': 'test-key-1',
    };
    const statuses = [(await chat(headers)).status, (await chat(headers)).status];
    expect(statuses[0]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBe(200);
  });

  it('refuses a plan that asks for nothing', async () => {
    const response = await fetch(`${sandbox.url}/_scenarios`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
  });

  it('answers an unknown scenario with 404', async () => {
    expect((await chat({}, {}, '/s/no-such-scenario')).status).toBe(404);
  });
});

async function readEvents(response: Response, count: number) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.split('\n\n').length - 1 < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  return { reader, text };
}

describe('streams', () => {
  it('send the tokens, then the error event, on a 200', async () => {
    const response = await chat(
      { 'errata-simulate': 'INTERNAL_ERROR', 'errata-simulate-after': '2' },
      { stream: true },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.match(/"content":"[^"]+"/g)).toEqual(['"content":"Hello"', '"content":" from"']);
    expect(text).toMatch(/data: \{"error"/);
    expect(text).not.toContain('[DONE]');
  });

  it('are cut: the connection closes without the end of the body', async () => {
    const response = await chat({ 'errata-simulate-stream': 'cut', 'errata-simulate-after': '2' }, { stream: true });
    await expect(response.text()).rejects.toThrow();
  });

  it('stall: silent after the tokens until stallMs, then cut', async () => {
    const response = await chat({ 'errata-simulate-stream': 'stall', 'errata-simulate-after': '1' }, { stream: true });
    const { reader, text } = await readEvents(response, 2);
    expect(text).toContain('"content":"Hello"');
    const rest = reader.read();
    clock.advance(5_000);
    await expect(rest).rejects.toThrow();
  });

  it('succeed when no fault is asked for, closed by [DONE]', async () => {
    const text = await (await chat({}, { stream: true })).text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});

describe('each streaming API', () => {
  const routes = providerApis.flatMap((api) =>
    api.routes
      .filter((r) => r.stream)
      .map((route) => ({ provider: api.id, path: route.path, rule: route.streamError, framing: route.framing })),
  );
  // @errata/types carries the server-sent-event rules only; an AWS event stream's rule is read
  // from the bundled spec itself.
  const spec = createRequire(import.meta.url)('@errata/spec/openapi.json') as {
    'x-errata': { providers: Record<string, { stream_errors?: { format?: string; event: string }[] }> };
  };
  const awsRule = (provider: string, event: string) =>
    (spec['x-errata'].providers[provider]?.stream_errors ?? []).some(
      (r) => r.format === 'aws-eventstream' && r.event === event,
    );
  it.each(routes)(
    '$provider $path writes its stream errors by a rule spec/providers.yaml documents',
    ({ provider, rule, framing }) => {
      expect(rule).toBeDefined();
      if (framing === 'aws-eventstream') expect(awsRule(provider, rule!.event)).toBe(true);
      else expect(documentedRule(provider, rule!)).toBe(true);
    },
  );
});
