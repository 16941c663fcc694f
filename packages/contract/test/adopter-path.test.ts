// The adopter path as an adopter meets it: the publishable packages packed, installed with npm in
// a folder outside the workspace (the tarballs and the registry, nothing linked), the guide's shell
// steps (docs/adopt/README.md sections 1, 3, 4) run as written, then every `run:` step of the
// copyable workflow in order, then the composite action's steps. The API is shaped like a public
// inference API (property examples, no request examples) and its server is TypeScript that needs a
// build. Needs the npm registry: without it the install fails, and so does this test — never a skip.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = join(import.meta.dirname, '../../..');
const fixture = join(import.meta.dirname, 'fixtures/adopter');
/** Every package the guide installs, and the @errata packages those depend on. */
const PACKAGES = {
  spec: 'spec',
  'redocly-plugin': 'packages/redocly-plugin',
  contract: 'packages/contract',
  server: 'packages/server',
  'spec-model': 'packages/spec-model',
  types: 'packages/types',
  redact: 'packages/redact',
};
const guide = readFileSync(join(repo, 'docs/adopt/README.md'), 'utf8');
const workflow = parse(readFileSync(join(repo, 'docs/adopt/github-workflow.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: { contract: { steps: { id?: string; run?: string; with?: Record<string, unknown> }[] } };
};
const action = parse(readFileSync(join(repo, 'actions/errata-contract/action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { steps: { run: string; env?: Record<string, string> }[] };
};

/** The fenced blocks of one `## n.` section of the guide: `sh` blocks to run, titled blocks as files. */
function section(n: number): { commands: string[]; files: Record<string, string> } {
  const text = guide.split(/^## /m).find((part) => part.startsWith(`${n}. `)) ?? '';
  const commands: string[] = [];
  const files: Record<string, string> = {};
  for (const [, info, body] of text.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)) {
    const title = /title="([^"]+)"/.exec(info!)?.[1];
    if (title) files[title] = body!;
    else if (info!.trim() === 'sh') commands.push(body!);
  }
  return { commands, files };
}

let project: string;
let tarballs: Record<string, string>;
let port: number;
let env: NodeJS.ProcessEnv;
const started: number[] = [];

/** Runs a shell step in the project; resolves with its exit code and output (a background job outlives it). */
function step(script: string, extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: project, env: { ...env, ...extra }, detached: true });
    started.push(child.pid!);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The guide says `@errata/x`; here that is the packed tarball (the registry has every other package). */
const withTarballs = (command: string) =>
  command.replace(/@errata\/([a-z-]+)/g, (whole, name: string) =>
    tarballs[name] ? `./tarballs/${tarballs[name]}` : whole,
  );

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'errata-adopter-'));
  const packs = join(project, 'tarballs');
  mkdirSync(packs);
  for (const dir of Object.values(PACKAGES))
    execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(repo, dir), stdio: 'ignore' });
  const files = readdirSync(packs);
  tarballs = Object.fromEntries(
    Object.keys(PACKAGES).map((name) => [
      name,
      files.find((f) => f.startsWith(`errata-${name}-`) && /^-\d/.test(f.slice(`errata-${name}`.length)))!,
    ]),
  );
  port = await freePort();
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    npm_config_cache: process.env.npm_config_cache ?? join(tmpdir(), 'errata-adopter-npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...workflow.env,
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
  };
  // What the adopter writes: the spec, the config, the server; the guide's titled files as written.
  for (const name of ['openapi.yaml', 'errata-contract.yaml']) copyFileSync(join(fixture, name), join(project, name));
  cpSync(join(fixture, 'src'), join(project, 'src'), { recursive: true });
  for (const n of [1, 3])
    for (const [name, body] of Object.entries(section(n).files)) writeFileSync(join(project, name), body);
}, 120_000);

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGTERM'); // the step's process group: the server the start step left running
    } catch {
      // already gone
    }
  }
  rmSync(project, { recursive: true, force: true }); // a whole node_modules: slow on a busy machine
}, 120_000);

describe('the adopter path, from packed tarballs', () => {
  it("runs the guide's install, lint and types steps as written", async () => {
    const [install, lint, types] = [1, 3, 4].map((n) => section(n).commands);
    expect(install!.length).toBeGreaterThan(0);
    // npm resolves the @errata packages the installed ones depend on from their tarballs: the one
    // thing here that is not the guide (those packages are not on the registry from a checkout).
    const overrides = Object.fromEntries(
      ['types', 'spec-model', 'redact'].map((name) => [`@errata/${name}`, `file:./tarballs/${tarballs[name]}`]),
    );
    writeFileSync(join(project, 'package.json'), JSON.stringify({ overrides }));
    for (const command of install!) {
      const result = await step(withTarballs(command));
      expect(result.code, result.out).toBe(0);
    }
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(manifest.devDependencies.typescript).toBe('^5.9.3');
    for (const command of [...lint!, ...types!]) {
      const result = await step(command);
      expect(result.code, result.out).toBe(0);
    }
  }, 600_000);

  it('runs every run: step of the copyable workflow, in order, and conforms', async () => {
    const steps = workflow.jobs.contract.steps.filter((s) => s.run);
    expect(steps.map((s) => s.id)).toEqual(['install', 'lint', 'types', 'bundle', 'build', 'start', 'contract']);
    for (const { id, run } of steps) {
      const result = await step(run!);
      expect(result.code, `${id}: ${result.out}`).toBe(0);
      if (id === 'contract') {
        expect(result.out).toMatch(
          /^::notice .*title=errata-contract summary::\d+ proven for real, \d+ only by simulation/m,
        );
        expect(result.out).toContain('Conforms.');
        expect(result.out).not.toMatch(/^::error/m);
      }
    }
    const report = JSON.parse(readFileSync(join(project, 'reports/errata-contract.json'), 'utf8')) as {
      ok: boolean;
      results: { section: string; cause?: string; via: string; outcome: string }[];
    };
    expect(report.ok).toBe(true);
    // No request example in the spec: the valid requests were built from the schema, and every
    // POST's recorded and built-in triggers ran for real.
    expect(report.results.filter((r) => r.section === 'success').map((r) => r.cause ?? 'no body')).toEqual([
      'a valid request, its body from the schema',
      'a valid request, its body from the schema',
      'no body',
    ]);
    expect(report.results.filter((r) => r.via === 'builtin').every((r) => r.outcome === 'passed')).toBe(true);
    expect(report.results.filter((r) => r.via === 'builtin').length).toBeGreaterThan(5);
  }, 600_000);

  it("runs the composite action's steps, annotating a config typo as a usage error", async () => {
    const inputs: Record<string, string> = {
      ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])),
      'base-url': `http://127.0.0.1:${port}`,
    };
    const value = (text: string) =>
      text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '');
    const run = async () => {
      const outs: { code: number; out: string }[] = [];
      for (const { run: script, env: stepEnv = {} } of action.runs.steps)
        outs.push(await step(script, Object.fromEntries(Object.entries(stepEnv).map(([k, v]) => [k, value(v)]))));
      return outs;
    };
    const good = await run();
    expect(
      good.map((r) => r.code),
      good.map((r) => r.out).join('\n'),
    ).toEqual([0, 0, 0]);
    writeFileSync(join(project, 'typo.yaml'), 'auth: { key: env:API_TEST_KEY }\ntrigers: []\n');
    inputs.config = 'typo.yaml';
    const typo = await run();
    expect(typo[2]!.code).toBe(2);
    expect(typo[2]!.out).toContain('typo.yaml: trigers: unknown key (did you mean "triggers"?)');
  }, 600_000);
});
