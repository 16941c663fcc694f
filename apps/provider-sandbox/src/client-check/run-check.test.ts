// The client conformance run over real HTTP on 127.0.0.1, with real clients: @errata/client and
// openai-node on a never-retry quota error and a rate limit that clears, and a command subject.
// What each client did is read from the sandbox's record of attempts, never assumed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../corpus.js';
import { type Served, serveSandbox } from '../test-support/serve.js';
import { commandSubject } from './command-subject.js';
import type { FaultCase } from './fault-case.js';
import { expectationFor } from './fault-case.js';
import { reportRows, summaryLines } from './report.js';
import { runClientCheck } from './run-check.js';
import { awsBedrock } from './subjects/aws-bedrock.js';
import { errataClients } from './subjects/errata-client.js';
import { openaiNode } from './subjects/openai-node.js';

const corpus = loadCorpus();
const errataClient = errataClients.find((s) => s.provider === 'openai')!;
let sandbox: Served;
beforeAll(async () => {
  sandbox = await serveSandbox({ corpus });
});
afterAll(() => sandbox.close());

function fault(name: string, plan: FaultCase['plan']): FaultCase {
  return { name, provider: 'openai', stream: false, plan, expect: expectationFor(plan.code!, plan) };
}

const quota = fault('QUOTA_EXCEEDED', { code: 'QUOTA_EXCEEDED' });
const limited = fault('RATE_LIMIT_EXCEEDED once', {
  code: 'RATE_LIMIT_EXCEEDED',
  times: 1,
  retryAfter: { form: 'ms', value: 300 },
});

describe('runClientCheck', () => {
  it('reports what each client did, from the attempts the sandbox saw', async () => {
    const report = await runClientCheck({
      sandbox,
      url: sandbox.url,
      subjects: [errataClient, openaiNode],
      plan: [quota, limited],
    });
    const rows = reportRows(report);
    const row = (client: string, name: string) => rows.find((r) => r.client === client && r.fault === name)!;
    // A quota error is never retried by @errata/client; openai-node retries every 429.
    expect(row(errataClient.name, quota.name)).toMatchObject({ verdict: 'right', attempts: 1 });
    expect(row(openaiNode.name, quota.name)).toMatchObject({ verdict: 'wrong', attempts: 3 });
    expect(row(openaiNode.name, quota.name).problems).toEqual(['retried a never-retry error (3 attempts)']);
    // Both wait out retry-after-ms and then succeed.
    for (const client of [errataClient.name, openaiNode.name]) {
      const seen = row(client, limited.name);
      expect(seen).toMatchObject({ verdict: 'right', attempts: 2, result: 'success' });
      expect(seen.firstWaitMs).toBeGreaterThanOrEqual(300);
    }
    expect(summaryLines(rows)).toEqual([
      `${errataClient.name}: 2 of 2 right, 0 wrong, 0 not run`,
      `${openaiNode.name}: 1 of 2 right, 1 wrong, 0 not run`,
    ]);
  });

  it('drives a command: its exit status is the outcome, the base URL is in its environment', async () => {
    // The command is the app: it calls the base URL it is given once and fails on an error status.
    const app = `node -e "fetch(process.env.OPENAI_BASE_URL + '/chat/completions', { method: 'POST', body: '{}' })
      .then((r) => process.exit(r.ok ? 0 : 1))"`;
    const report = await runClientCheck({
      sandbox,
      url: sandbox.url,
      subjects: [commandSubject(app, 'openai')],
      plan: [quota, limited],
    });
    const [onQuota, onLimit] = reportRows(report);
    expect(onQuota).toMatchObject({ verdict: 'right', attempts: 1, result: 'typed error (CommandFailedError)' });
    // The app does not retry: the rate limit that clears after one attempt is reported against it.
    expect(onLimit).toMatchObject({ verdict: 'wrong', attempts: 1 });
    expect(onLimit!.problems).toContain('did not retry');
  });

  // Two apps that stream a chat completion from the base URL they are given and exit 1 on the error
  // event: one prints the text it got before the error, the other throws it away.
  const app = (keeps: boolean) => {
    const file = join(mkdtempSync(join(tmpdir(), 'errata-command-')), 'app.mjs');
    writeFileSync(
      file,
      `const res = await fetch(process.env.OPENAI_BASE_URL + '/chat/completions', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"stream":true}' });
let text = '';
let failed = !res.ok;
for (const line of (await res.text()).split('\\n')) {
  if (!line.startsWith('data: {')) continue;
  const data = JSON.parse(line.slice(6));
  if (data.error) failed = true;
  else text += data.choices?.[0]?.delta?.content ?? '';
}
if (${keeps}) console.log(text);
process.exit(failed ? 1 : 0);
`,
    );
    return commandSubject(`node ${file}`, 'openai');
  };
  const midStream: FaultCase = {
    name: 'INTERNAL_ERROR mid-stream after 3 tokens',
    provider: 'openai',
    stream: true,
    plan: { code: 'INTERNAL_ERROR', after: 3 },
    expect: { kind: 'fail-mid-stream', tokensBefore: 3 },
  };
  it.each([
    { name: 'prints the text before the error: kept', given: true, want: { verdict: 'right', problems: [] } },
    {
      name: 'prints nothing: not kept',
      given: false,
      want: { verdict: 'wrong', problems: ['kept “” of the text before the error'] },
    },
  ])('judges a command’s partial output from what it printed: $name', async ({ given, want }) => {
    const report = await runClientCheck({ sandbox, url: sandbox.url, subjects: [app(given)], plan: [midStream] });
    expect(report.rows[0]).toMatchObject({ partialKept: given, ...want });
  });

  // The AWS SDK speaks HTTP/2 only: it is run on the sandbox's h2c listener, and reported not run
  // when the run has none, never as passed.
  const tooLong: FaultCase = {
    name: 'PROMPT_TOO_LONG (never retried)',
    provider: 'bedrock',
    stream: false,
    plan: { code: 'PROMPT_TOO_LONG' },
    expect: { kind: 'fail-without-retry' },
  };
  it.each([
    {
      name: 'with an h2c listener: run',
      given: () => sandbox.h2Url,
      want: { verdict: 'right', attempts: 1, result: 'typed error (ValidationException)' },
    },
    {
      name: 'without one: not run',
      given: () => undefined,
      want: { skipped: 'the run has no HTTP/2 listener for this client' },
    },
  ])('runs the AWS SDK over HTTP/2 only: $name', async ({ given, want }) => {
    const h2Url = given();
    const report = await runClientCheck({
      sandbox,
      url: sandbox.url,
      ...(h2Url ? { h2Url } : {}),
      subjects: [awsBedrock],
      plan: [tooLong],
    });
    expect(report.rows[0]).toMatchObject(want);
  });
});
