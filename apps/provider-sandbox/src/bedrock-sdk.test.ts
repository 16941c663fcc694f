// The real AWS SDK (@aws-sdk/client-bedrock-runtime, over HTTP/2 as it speaks, fake static
// credentials) against the provider sandbox's h2c listener on 127.0.0.1: for each meaning that
// matters, the exception Bedrock's wire makes it throw (name, status, message), and what
// @errata/client's fromSdkError makes of it; an exception event in the middle of ConverseStream and
// of InvokeModelWithResponseStream; and the deterministic success answers in Bedrock's format.
import {
  BedrockRuntimeClient,
  BedrockRuntimeServiceException,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { fromSdkError } from '@errata/client/adapters';
import { normalizeError } from '@errata/client/normalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus.js';
import { answerFault } from './faults/choose-case.js';
import type { FaultPlan } from './faults/fault-plan.js';
import { bedrock as bedrockApi } from './providers/bedrock.js';
import { type Served, serveSandbox } from './test-support/serve.js';
import { thrown } from './test-support/thrown.js';

// The AWS SDK warns once that its 2027 releases need Node 22; this repository's floor is 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const corpus = loadCorpus();
let sandbox: Served;
const clients: BedrockRuntimeClient[] = [];
beforeAll(async () => {
  sandbox = await serveSandbox({ corpus });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.close();
});

/** A Bedrock client pointed at the sandbox, sending the fault headers on every request. */
function bedrock(headers: Record<string, string>): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: `${sandbox.h2Url}/bedrock`,
    credentials: { accessKeyId: 'AKIDEXAMPLETEST', secretAccessKey: 'fake-secret-for-tests' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => (args) => {
      Object.assign((args.request as { headers: Record<string, string> }).headers, headers);
      return next(args);
    },
    { step: 'build', name: 'errataFaultHeaders' },
  );
  clients.push(client);
  return client;
}

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const converse = { modelId: MODEL, messages: [{ role: 'user' as const, content: [{ text: 'Hello' }] }] };
const ANSWER = 'Hello from the Errata provider sandbox.';

/** The header names a plan as the sandbox reads it. */
const headersOf = (plan: FaultPlan): Record<string, string> =>
  plan.caseId !== undefined ? { 'errata-simulate-case': plan.caseId } : { 'errata-simulate': plan.code! };

describe('@aws-sdk/client-bedrock-runtime gets what Bedrock sent', () => {
  // Each meaning with the plan that asks for it, and the canonical code fromSdkError must give.
  // Bedrock's quota exception is a rate limit in the crosswalk (no per-day or billing quota exists).
  it.each<{ name: string; given: FaultPlan; want: string }>([
    {
      name: 'rate limit: ThrottlingException (observed)',
      given: { code: 'RATE_LIMIT_EXCEEDED' },
      want: 'RATE_LIMIT_EXCEEDED',
    },
    {
      name: 'quota: ServiceQuotaExceededException (crosswalk)',
      given: { caseId: 'crosswalk:bedrock:ServiceQuotaExceededException' },
      want: 'RATE_LIMIT_EXCEEDED',
    },
    {
      name: 'auth: AccessDeniedException (observed)',
      given: { code: 'INSUFFICIENT_PERMISSIONS' },
      want: 'INSUFFICIENT_PERMISSIONS',
    },
    { name: 'auth: ExpiredTokenException (observed)', given: { code: 'EXPIRED_API_KEY' }, want: 'EXPIRED_API_KEY' },
    {
      name: 'unavailable: ServiceUnavailableException (crosswalk)',
      given: { code: 'SERVICE_UNAVAILABLE' },
      want: 'SERVICE_UNAVAILABLE',
    },
    {
      name: 'overload: ModelNotReadyException (crosswalk)',
      given: { code: 'MODEL_UNAVAILABLE' },
      want: 'MODEL_UNAVAILABLE',
    },
    {
      name: 'context overflow: ValidationException (an observed SDK error)',
      given: { code: 'PROMPT_TOO_LONG' },
      want: 'PROMPT_TOO_LONG',
    },
  ])('$name', async ({ given, want }) => {
    const fault = answerFault(corpus, 'bedrock', given, bedrockApi.errorProtocol);
    const name = fault.headers['x-amzn-errortype']!.split(':')[0];
    const message = (JSON.parse(fault.body) as { message: string }).message;
    const error = await thrown(() => bedrock(headersOf(given)).send(new ConverseCommand(converse)));
    expect(error).toBeInstanceOf(BedrockRuntimeServiceException);
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: fault.status } });
    expect(fromSdkError(error)).toMatchObject({ code: want, status: fault.status });
    expect(
      normalizeError({ status: fault.status, headers: fault.headers, body: fault.body }, { provider: 'bedrock' }),
    ).toMatchObject({ code: want });
  });

  it('content policy: refused, since neither the corpus nor the crosswalk holds a Bedrock one', async () => {
    const error = await thrown(() =>
      bedrock({ 'errata-simulate': 'PROMPT_VIOLATION' }).send(new ConverseCommand(converse)),
    );
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 501 } });
    expect(String(error.message)).toMatch(/no bedrock error answer for PROMPT_VIOLATION.*RATE_LIMIT_EXCEEDED/);
  });

  it.each([
    { name: 'ConverseStream throttlingException', code: 'RATE_LIMIT_EXCEEDED', want: 'ThrottlingException' },
    {
      name: 'ConverseStream serviceUnavailableException',
      code: 'SERVICE_UNAVAILABLE',
      want: 'ServiceUnavailableException',
    },
  ])('$name after the tokens before it', async ({ code, want }) => {
    const texts: string[] = [];
    const error = await thrown(async () => {
      const client = bedrock({ 'errata-simulate': code, 'errata-simulate-after': '2' });
      const out = await client.send(new ConverseStreamCommand(converse));
      for await (const event of out.stream ?? []) texts.push(event.contentBlockDelta?.delta?.text ?? '');
    });
    expect(texts.join('')).toBe('Hello from');
    expect(error).toMatchObject({ name: want });
    expect(fromSdkError(error)).toMatchObject({ code, status: undefined });
  });

  it('an InvokeModelWithResponseStream validationException (input too long) after a token', async () => {
    const chunks: string[] = [];
    const error = await thrown(async () => {
      const client = bedrock({ 'errata-simulate': 'PROMPT_TOO_LONG', 'errata-simulate-after': '1' });
      const out = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: '{}' }));
      for await (const event of out.body ?? [])
        if (event.chunk?.bytes) chunks.push(Buffer.from(event.chunk.bytes).toString('utf8'));
    });
    expect(chunks.map((c) => JSON.parse(c).type)).toContain('content_block_delta');
    expect(error).toMatchObject({ name: 'ValidationException', message: 'Input is too long for requested model.' });
    expect(fromSdkError(error)).toMatchObject({ code: 'PROMPT_TOO_LONG' });
  });
});

describe('success answers the AWS SDK accepts', () => {
  it('Converse and ConverseStream', async () => {
    const client = bedrock({});
    const answer = await client.send(new ConverseCommand(converse));
    expect(answer.output?.message?.content).toEqual([{ text: ANSWER }]);
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.usage?.outputTokens).toBe(6);
    const events: string[] = [];
    let text = '';
    for await (const event of (await client.send(new ConverseStreamCommand(converse))).stream ?? []) {
      events.push(Object.keys(event)[0]!);
      text += event.contentBlockDelta?.delta?.text ?? '';
    }
    expect(text).toBe(ANSWER);
    expect(events[0]).toBe('messageStart');
    expect(events.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
  });

  it('InvokeModel and InvokeModelWithResponseStream, in the Anthropic format', async () => {
    const client = bedrock({});
    const answer = await client.send(new InvokeModelCommand({ modelId: MODEL, body: '{}' }));
    expect(JSON.parse(Buffer.from(answer.body).toString('utf8')).content).toEqual([{ type: 'text', text: ANSWER }]);
    let text = '';
    for await (const event of (
      await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: '{}' }))
    ).body ?? []) {
      const data = JSON.parse(Buffer.from(event.chunk?.bytes ?? []).toString('utf8'));
      if (data.type === 'content_block_delta') text += data.delta.text;
    }
    expect(text).toBe(ANSWER);
  });
});
