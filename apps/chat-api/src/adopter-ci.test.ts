// What an adopter's CI runs, run here for Chat API: the `run:` commands of the copyable workflow
// (docs/adopt/github-workflow.yml) — lint with the plugin, openapi-typescript, redocly bundle,
// errata-contract --spec — against Chat API served on 127.0.0.1; then the same contract step
// against the non-conformant variant, which must fail with messages naming what differs.
// The workflow's "start" step is the one not run verbatim: the test serves the app itself on a
// free port (no wait loop), and points BASE_URL at it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChatApi } from './app.js';
import { createDualShapeChatApi } from './variants/dual-shape.js';
import { createNestedErrorsChatApi } from './variants/nested-errors.js';

const run = promisify(execFile);
const app = join(import.meta.dirname, '..');
const workflow = parse(readFileSync(join(app, '..', '..', 'docs', 'adopt', 'github-workflow.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: { contract: { steps: { id?: string; run?: string }[] } };
};
const step = (id: string) => workflow.jobs.contract.steps.find((s) => s.id === id)!.run!;
const KEY = 'sk_chat_ci_test';

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

let out: string;
let conformant: { server: ServerType; url: string };
let broken: { server: ServerType; url: string };
let dual: { server: ServerType; url: string };

/** Runs one workflow step's commands in apps/chat-api with the workflow's env, outputs in a temp dir. */
async function runStep(
  id: string,
  baseUrl: string,
  reports: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    ...workflow.env,
    SPEC: 'spec/openapi.yaml',
    BUNDLE: join(out, 'openapi.json'),
    TYPES: join(out, 'api.d.ts'),
    REPORTS: reports,
    BASE_URL: baseUrl,
    CONTRACT_CONFIG: 'errata-contract.yaml',
    CHAT_API_KEY: KEY,
    PATH: `${join(app, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
  };
  try {
    const { stdout, stderr } = await run('bash', ['-e', '-c', step(id)], { cwd: app, env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'chat-api-ci-'));
  conformant = await listen(createChatApi({ keys: [KEY], simulate: true }).fetch);
  broken = await listen(createNestedErrorsChatApi({ keys: [KEY], simulate: true }).fetch);
  dual = await listen(createDualShapeChatApi({ keys: [KEY], simulate: true }).fetch);
});
afterAll(() => {
  conformant?.server.close();
  broken?.server.close();
  dual?.server.close();
});

describe("an adopter's CI, for Chat API", () => {
  it.each(['lint', 'types', 'bundle'])('step %s passes', async (id) => {
    const result = await runStep(id, conformant.url, join(out, 'reports'));
    expect(result.stderr + result.stdout).not.toMatch(/error|✘/i);
    expect(result.code).toBe(0);
  });

  it('generates types holding Errata codes and the API’s own', () => {
    const types = readFileSync(join(out, 'api.d.ts'), 'utf8');
    for (const name of [
      'CHAT_CONVERSATION_TOO_LONG: ',
      'MODEL_NOT_FOUND: ',
      'ErrorEnvelope: ',
      'createChatCompletion: ',
    ])
      expect(types).toContain(name);
  });

  it('step contract passes against Chat API, with JUnit and JSON reports', async () => {
    const reports = join(out, 'reports');
    const result = await runStep('contract', conformant.url, reports);
    // The workflow prints GitHub annotations: a warning per code only simulation proved, a summary notice.
    expect(result.stdout).toMatch(
      /^::notice .*summary::\d+ proven for real, \d+ only by simulation, 0 not probed, 0 failed\. Conforms\.$/m,
    );
    expect(result.stdout).toMatch(
      /^::warning .*title=errata-contract createChatCompletion INTERNAL_ERROR simulated only::/m,
    );
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(result.code).toBe(0);
    const json = JSON.parse(readFileSync(join(reports, 'errata-contract.json'), 'utf8')) as {
      ok: boolean;
      results: { outcome: string; code?: string; via: string }[];
    };
    expect(json.ok).toBe(true);
    expect(json.results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    // Every way of causing a code was used: a recorded trigger, a built-in one, a configured key,
    // simulation, the unrouted probe; and every operation was fuzzed.
    expect(new Set(json.results.map((r) => r.via))).toEqual(
      new Set(['example', 'trigger', 'builtin', 'auth', 'simulate', 'unrouted', 'fuzz']),
    );
    // The API's own code, caused for real by the config's recorded request (33 messages).
    expect(json.results.filter((r) => r.code === 'CHAT_CONVERSATION_TOO_LONG').map((r) => [r.via, r.outcome])).toEqual([
      ['trigger', 'passed'],
    ]);
    const junit = readFileSync(join(reports, 'errata-contract.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="errata-contract" tests="\d+" failures="0">/);
  });

  it('step contract fails against the non-conformant variant, naming what differs', async () => {
    const reports = join(out, 'reports-broken');
    const result = await runStep('contract', broken.url, reports);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Does not conform.');
    // Systematic failures are said once, as hints, not on every probe.
    expect(result.stdout).toMatch(
      /^::warning .*title=errata-contract hint::\d+ error responses are the provider's own nested `error` object/m,
    );
    expect(result.stdout).toMatch(
      /^::warning .*title=errata-contract hint::\d+ responses have no X-Request-Id header/m,
    );
    expect(result.stdout).not.toContain('header X-Request-Id: missing');
    expect(result.stdout).toMatch(
      /^::error .*createChatCompletion MODEL_NOT_FOUND::expected 404 MODEL_NOT_FOUND, got 404 \(no code\) \(POST/m,
    );
    const junit = readFileSync(join(reports, 'errata-contract.xml'), 'utf8');
    expect(junit).toMatch(/<failure message="expected 404 MODEL_NOT_FOUND, got 404 \(no code\)">/);
    // Success responses are untouched by the variant, and still pass.
    const json = JSON.parse(readFileSync(join(reports, 'errata-contract.json'), 'utf8')) as {
      results: { section: string; outcome: string }[];
    };
    expect(json.results.filter((r) => r.section === 'success').map((r) => r.outcome)).toEqual([
      'passed',
      'passed',
      'passed',
    ]);
  });

  it('step contract passes against the dual shape (the migration path), old clients read error.message', async () => {
    const result = await runStep('contract', dual.url, join(out, 'reports-dual'));
    expect(result.stdout).toContain('Conforms.');
    expect(result.code).toBe(0);
    const response = await fetch(`${dual.url}/v1/chat/completions`, { method: 'POST' });
    const body = (await response.json()) as { code: string; message: string; error: { message: string; code: string } };
    expect([body.code, body.error.message, body.error.code]).toEqual([
      'MISSING_API_KEY',
      body.message,
      'missing_api_key',
    ]);
  });
});
