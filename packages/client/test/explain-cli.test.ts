// `errata explain`, run as users run it: the built bin (bin/errata.js → dist/cli/main.js) spawned
// with node, the body as an argument, in a file or on stdin. Each case checks what it prints and
// its exit code; no output may show a key.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../bin/errata.js');

function run(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const KEY = 'sk-proj-abcdEFGH1234ijklMNOP5678';
const openaiRate =
  '{"error":{"message":"Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000.",' +
  '"type":"tokens","param":null,"code":"rate_limit_exceeded"}}';
const openaiKey =
  `{"error":{"message":"Incorrect API key provided: ${KEY}.",` +
  '"type":"invalid_request_error","code":"invalid_api_key"}}';
const gemini = '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}';
const dir = mkdtempSync(join(tmpdir(), 'errata-explain-'));
const file = join(dir, 'body.json');
writeFileSync(file, gemini);

const cases: {
  name: string;
  given: { args: string[]; stdin?: string };
  want: { exit: number; stdout?: RegExp[]; stderr?: RegExp };
}[] = [
  {
    name: 'a body as the argument, with provider and status',
    given: { args: ['explain', '--provider', 'openai', '--status', '429', openaiRate] },
    want: {
      exit: 0,
      stdout: [
        /^Code: +RATE_LIMIT_EXCEEDED — Rate limit exceeded \(HTTP 429, rate_limit\)$/m,
        new RegExp(`^Means: +${errorTexts.RATE_LIMIT_EXCEEDED.description.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}$`, 'm'),
        /^Retry: +yes, after the wait/m,
        /^Remedy: +Wait for `Retry-After` seconds/m,
        new RegExp(`^Docs: +${catalog.RATE_LIMIT_EXCEEDED.docUrl}$`, 'm'),
        /^Status: +429 \(given\)$/m,
        /^Origin: +openai rate_limit_exceeded \/ tokens — the crosswalk's/m,
      ],
    },
  },
  {
    name: 'a body on stdin, no status: read by what it says, and the key redacted',
    given: { args: ['explain', '--provider', 'openai'], stdin: openaiKey },
    want: {
      exit: 0,
      stdout: [/^Code: +INVALID_API_KEY/m, /^Status: +not given/m, /Incorrect API key provided: \[redacted\]\./],
    },
  },
  {
    name: 'a body in a file; the status the body states',
    given: { args: ['explain', '--provider', 'gemini', '--file', file] },
    want: {
      exit: 0,
      stdout: [/^Code: +OVERLOADED/m, /^Status: +503 \(stated in the body\)$/m, /^Retry: +yes/m],
    },
  },
  {
    name: 'a wait in a header',
    given: { args: ['explain', '--provider', 'openai', '--status', '429', '--header', 'retry-after: 20', openaiRate] },
    want: { exit: 0, stdout: [/^Retry: +yes, after the wait the server asks for .*\(retry_after: 20s\)$/m] },
  },
  {
    name: 'an Errata envelope without a provider',
    given: { args: ['explain', '{"code":"MODEL_NOT_FOUND","message":"Model x does not exist."}'] },
    want: { exit: 0, stdout: [/^Code: +MODEL_NOT_FOUND/m, /^Retry: +no:/m] },
  },
  {
    name: 'a body nothing recognises: exit 1, and how to contribute it',
    given: { args: ['explain', '--status', '418', 'teapot trouble'] },
    want: { exit: 1, stdout: [/^Code: +INVALID_REQUEST/m, /Not recognised/, /corpus\/README\.md/] },
  },
  {
    name: 'an unknown provider is a usage error',
    given: { args: ['explain', '--provider', 'nobody', '{}'] },
    want: { exit: 2, stderr: /unknown --provider nobody; known: workers-ai/ },
  },
  {
    name: 'a bad status is a usage error',
    given: { args: ['explain', '--status', '42', '{}'] },
    want: { exit: 2, stderr: /--status expects an HTTP status/ },
  },
  {
    name: 'a header without a colon is a usage error',
    given: { args: ['explain', '--header', 'retry-after', '{}'] },
    want: { exit: 2, stderr: /--header expects name:value/ },
  },
  {
    name: 'an empty body is a usage error',
    given: { args: ['explain'], stdin: '  \n' },
    want: { exit: 2, stderr: /the body is empty/ },
  },
  {
    name: 'a missing file is a usage error that names it',
    given: { args: ['explain', '--file', join(dir, 'nope.json')] },
    want: { exit: 2, stderr: /cannot read --file .*nope\.json: ENOENT/ },
  },
  {
    name: 'an unknown option is a usage error',
    given: { args: ['explain', '--nope', '{}'] },
    want: { exit: 2, stderr: /Unknown option '--nope'/ },
  },
  {
    name: 'an --api-key value is never printed, even in a usage error',
    given: { args: ['explain', '--api-key', 'mistral-plain-key-123', '--status', 'mistral-plain-key-123', '{}'] },
    want: { exit: 2, stderr: /--status expects an HTTP status \(100-599\), got \[redacted\]/ },
  },
  {
    name: 'an unknown command',
    given: { args: ['explian', '{}'] },
    want: { exit: 2, stderr: /unknown command "explian"; try: errata explain/ },
  },
];

describe('errata explain (the built bin)', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    const { code, stdout, stderr } = await run(given.args, given.stdin);
    expect(code, stderr).toBe(want.exit);
    for (const line of want.stdout ?? []) expect(stdout).toMatch(line);
    if (want.stderr) expect(stderr).toMatch(want.stderr);
    expect(stdout + stderr).not.toContain(KEY);
    expect(stdout + stderr).not.toContain('mistral-plain-key-123');
  });

  it('--json: the code, meaning, retry, remedy, docs link, origin and envelope', async () => {
    const { code, stdout } = await run(['explain', '--json', '--provider', 'openai', '--status', '401', openaiKey]);
    expect(code).toBe(0);
    const got = JSON.parse(stdout);
    expect(got).toMatchObject({
      code: 'INVALID_API_KEY',
      recognised: true,
      status: 401,
      statusFrom: 'given',
      meaning: errorTexts.INVALID_API_KEY.description,
      remedy: errorTexts.INVALID_API_KEY.remedy,
      retry: 'never',
      retryable: false,
      docUrl: catalog.INVALID_API_KEY.docUrl,
      origin: { provider: 'openai', code: 'invalid_api_key' },
      envelope: { code: 'INVALID_API_KEY', status: 401 },
    });
    expect(stdout).not.toContain(KEY);
  });

  it('--help prints the usage and the exit codes', async () => {
    const { code, stdout } = await run(['explain', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: errata explain/);
    expect(stdout).toMatch(/Exit codes: 0 recognised, 1 not recognised, 2 usage error, 3 other failure\./);
  });
});
