// The adopter path as an adopter meets it. The publishable packages are packed and served by a
// registry for the @errata scope alone; everything else comes from the npm registry, and nothing is
// linked. In a folder outside the workspace, an existing TypeScript API in another team's style
// (fixtures/lumen-api: no request examples, a CommonJS tsconfig, a server that needs `tsc`) follows
// the guide: its marked blocks run as written, its marked files replace the project's. The result
// is committed and cloned, and every `run:` step of the copyable workflow runs in order in the
// clone, then the composite action's steps. Needs the npm registry (CI reaches it): without it this
// fails, never skips. The steps run on the local Node; the workflow's Node version is checked as data.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { countMarkers, markedBlocks } from './support/guide-blocks.js';
import { packScope } from './support/pack-scope.js';
import { type ScopedRegistry, serveTarballs } from './support/scoped-registry.js';
import { createStepRunner } from './support/shell-step.js';
import { ACTION_FILE, actionSteps, WORKFLOW_FILE, type Workflow } from './support/workflow.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const guide = readFileSync(join(repo, 'docs', 'adopt', 'README.md'), 'utf8');
const blocks = markedBlocks(guide);
const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const job = workflow.jobs.contract!;
const runSteps = job.steps.filter((s) => s.run !== undefined);
const fixture = join(import.meta.dirname, 'fixtures', 'lumen-api');
/** Minutes are generous: the first install downloads Redocly, openapi-typescript and TypeScript. */
const INSTALL_MS = 300_000;
const STEP_MS = 180_000;

let work: string;
let registry: ScopedRegistry;
let steps: ReturnType<typeof createStepRunner>;
let env: NodeJS.ProcessEnv;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
}

/** The environment a runner gives: no workspace bins on PATH (nothing linked), npm's config ours. */
function runnerEnv(npmrc: string): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.startsWith(repo));
  const passed = ['HOME', 'LANG', 'TMPDIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy'];
  return {
    ...Object.fromEntries(passed.filter((name) => process.env[name]).map((name) => [name, process.env[name]])),
    PATH: path.join(delimiter),
    CI: 'true',
    NPM_CONFIG_USERCONFIG: npmrc,
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'errata-adopter-'));
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  mkdirSync(join(work, 'logs'));
  const guideScript = blocks.flatMap((b) => (b.kind === 'run' ? [b.script] : [])).join('\n');
  packScope(repo, guideScript, tarballs);
  registry = await serveTarballs(tarballs);
  // The one change to npm's config: the @errata scope from the local registry. The rest is npm's default.
  const npmrc = join(work, 'npmrc');
  writeFileSync(npmrc, `@errata:registry=${registry.url}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  env = runnerEnv(npmrc);
  port = await freePort();
  steps = createStepRunner(join(work, 'logs'));
  cpSync(fixture, join(work, 'project'), { recursive: true });
}, INSTALL_MS);

afterAll(async () => {
  steps?.stopAll();
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the copyable workflow, as data', () => {
  it('runs on Node 22 (the steps below run on the local Node)', () => {
    const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(setup?.with?.['node-version'])).toBe('22');
  });

  it('stands in for nothing but checkout, setup-node and the artifact upload', () => {
    expect(job.steps.filter((s) => s.run === undefined).map((s) => s.uses?.split('@')[0])).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/upload-artifact',
    ]);
    expect(runSteps.map((s) => s.run).join('\n')).not.toContain('${{');
  });

  it('builds before it starts, and sets the key the contract config reads', () => {
    const ids = runSteps.map((s) => s.id);
    expect(ids).toEqual(['install', 'lint', 'types', 'bundle', 'build', 'start', 'contract']);
    const config = parse(readFileSync(join(fixture, 'errata-contract.yaml'), 'utf8')) as { auth: { key: string } };
    const variable = config.auth.key.replace(/^env:/, '');
    expect(workflow.env[variable]).toMatch(/\S/);
    expect(workflow.env.BASE_URL).toBe(`http://127.0.0.1:${workflow.env.PORT}`);
  });
});

describe(`the adopter path from packed tarballs (local Node ${process.version})`, () => {
  it('reaches the npm registry (CI does; without it this test fails)', async () => {
    const result = await steps.run('npm ping', { cwd: work, env, timeoutMs: STEP_MS });
    expect(result.code, `the adopter path needs the npm registry:\n${result.output}`).toBe(0);
  });

  it('marks blocks of the guide to run, each directly above its fence', () => {
    expect(blocks.length).toBe(countMarkers(guide));
    expect(blocks.filter((b) => b.kind === 'run').length).toBeGreaterThanOrEqual(3);
  });

  it("runs the guide's marked blocks as written", async () => {
    const project = join(work, 'project');
    for (const block of blocks) {
      if (block.kind === 'file') {
        writeFileSync(join(project, block.name), block.text);
        continue;
      }
      const result = await steps.run(block.script, { cwd: project, env, timeoutMs: INSTALL_MS });
      expect(result.code, `README.md:${block.line}:\n${block.script}\n${result.output}`).toBe(0);
    }
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(manifest.devDependencies).toMatchObject({ typescript: '5.9.3', 'openapi-typescript': '7.13.0' });
    expect(Object.keys(manifest.devDependencies)).toContain('@types/node');
    // Every @errata package came from the packed tarballs, through the registry protocol; none is linked.
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; link?: boolean }>;
    };
    const errata = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/@errata/'));
    expect(errata.map(([path]) => path.slice('node_modules/'.length)).sort()).toEqual(registry.names.sort());
    for (const [, entry] of errata) expect(entry.resolved).toMatch(new RegExp(`^${registry.url}`));
    expect(Object.values(lock.packages).filter((entry) => entry.link)).toEqual([]);
    expect(readFileSync(join(project, 'src', 'generated', 'api.d.ts'), 'utf8')).toContain('generate_text: ');
  });

  it('runs every run: step of the workflow in order, in a fresh clone, and conforms', async () => {
    const project = join(work, 'project');
    const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, stdio: 'pipe' });
    git(['init', '-q'], project);
    git(['add', '-A'], project);
    const identity = [
      '-c',
      'user.name=Adopter',
      '-c',
      'user.email=adopter@example.invalid',
      '-c',
      'commit.gpgsign=false',
    ];
    git([...identity, 'commit', '-qm', 'Adopt Errata'], project);
    git(['clone', '-q', project, join(work, 'clone')], work);
    const clone = join(work, 'clone');
    expect(existsSync(join(clone, 'dist'))).toBe(false); // as on a runner: the build step must make it
    const stepEnv = { ...env, ...workflow.env, ...job.env, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` };
    for (const step of runSteps) {
      const result = await steps.run(step.run!, {
        cwd: clone,
        env: { ...stepEnv, ...step.env },
        timeoutMs: INSTALL_MS,
      });
      const log = join(clone, 'server.log'); // what the started server said, as the workflow uploads it
      const server = existsSync(log) ? `\nserver.log:\n${readFileSync(log, 'utf8')}` : '';
      expect(result.code, `step ${step.id}:\n${step.run}\n${result.output}${server}`).toBe(0);
      if (step.id === 'contract') expect(result.output).toMatch(/^::notice .*summary::.* 0 failed\. Conforms\.$/m);
    }
    const report = JSON.parse(readFileSync(join(clone, 'reports', 'errata-contract.json'), 'utf8')) as ContractReport;
    expect(report.ok).toBe(true);
    expect(report.results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(new Set(report.results.map((r) => r.operationId))).toEqual(
      new Set(['generate_text', 'embed_texts', 'get_model', 'unrouted']),
    );
    // The spec has no request examples, and every operation was still probed: the bodies built from the schema.
    expect(
      report.results.filter((r) => r.section === 'success').map((r) => [r.operationId, r.outcome, r.cause]),
    ).toEqual([
      ['generate_text', 'passed', 'a valid request, its body from the schema'],
      ['embed_texts', 'passed', 'a valid request, its body from the schema'],
      ['get_model', 'passed', undefined],
    ]);
    // Every declared code was proven for real (no simulation: Lumen has none) but the one the config excuses.
    const proofs = report.coverage.map((row) => `${row.operationId} ${row.code} ${row.proof}`);
    expect(proofs.filter((p) => !p.endsWith(' real'))).toEqual([
      'generate_text INTERNAL_ERROR none',
      'embed_texts INTERNAL_ERROR none',
      'get_model INTERNAL_ERROR none',
    ]);
    expect(readFileSync(join(clone, 'reports', 'errata-contract.xml'), 'utf8')).toContain('failures="0"');
  });

  it("runs the composite action's steps: it starts, checks and stops the server, and annotates", async () => {
    steps.stopAll(); // the workflow's server: the action starts its own
    const clone = join(work, 'clone');
    const actionPort = await freePort();
    const inputs = {
      start: 'npm start',
      'base-url': `http://127.0.0.1:${actionPort}`,
      'api-key': 'lk_action_key',
      operations: 'get_model, embed_texts',
      reports: 'action-reports',
    };
    const base = { ...env, PORT: String(actionPort) };
    for (const step of actionSteps(ACTION_FILE, inputs)) {
      const cwd = join(clone, step.workingDirectory);
      const result = await steps.run(step.run, { cwd, env: { ...base, ...step.env }, timeoutMs: STEP_MS });
      expect(result.code, `${step.name}:\n${result.output}`).toBe(0);
      if (step.name === 'Conformance') {
        const summary = /^::notice file=dist\/openapi\.json,title=errata-contract summary::(.*)$/m.exec(result.output);
        expect(summary?.[1]).toMatch(/^\d+ proven for real, .* 0 failed\. Conforms\.$/);
        expect(result.output).not.toMatch(/^::error/m);
        // The key is masked (GitHub hides the mask command itself) and appears nowhere else.
        const unmasked = result.output.split('\n').filter((line) => !line.startsWith('::add-mask::'));
        expect(unmasked.join('\n')).not.toContain('lk_action_key');
      }
    }
    const report = JSON.parse(
      readFileSync(join(clone, 'action-reports', 'errata-contract.json'), 'utf8'),
    ) as ContractReport;
    expect(new Set(report.results.map((r) => r.operationId))).toEqual(new Set(['get_model', 'embed_texts']));
    // The action stopped the server it started.
    await expect(fetch(`http://127.0.0.1:${actionPort}/v2/models/lumen-small`)).rejects.toThrow();
  });
});

interface ContractReport {
  ok: boolean;
  results: { section: string; operationId: string; code?: string; outcome: string; cause?: string }[];
  coverage: { operationId: string; code: string; proof: string }[];
}
