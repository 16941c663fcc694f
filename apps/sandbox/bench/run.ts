// `pnpm bench` (sandbox and server kit): throughput and p99 latency, all measured in the same run,
// on 127.0.0.1 with bounded autocannon runs (each server in its own process), against a fair
// baseline: a bare Hono app doing the same work by hand (request id, the key, JSON body parse, the
// same ajv validation, the same JSON error; fair-baseline.ts).
// 1. An API on the kit (kit-api.ts, the README's adopter server) on its 401, 400 and success paths:
//    target ≥ 0.85× the fair baseline.
// 2. The sandbox's three error paths: target ≥ 0.6× the fair baseline, ≥ 10× a Prism mock of the
//    same spec, p99 < 10 ms at 32 connections. Floors reported beside them: a bare Hono app and a
//    bare node:http server that write a 401 envelope and read nothing.
// 3. Memory: queue submits filling the job and idempotency stores far past their caps; heap flat.
// Every server a line compares is measured in the same interleaved 1 s slices, Prism included, so
// load that comes and goes on the machine falls on all of them alike.
// Each server's CPU time per request (cpu-time.ts; Prism's read from /proc) is reported beside its
// throughput: the machine may be shared, and CPU per request moves much less with others' load than
// requests per second. Reported, never asserted.

import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';

const require = createRequire(import.meta.url);
const SPEC = require.resolve('@errata/types/openapi.json');
// Prism's own bin (its package.json `bin.prism`), run with this Node.
const PRISM = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = 32;
const AUTH = { Authorization: 'Bearer sk_test_valid' };

/** One kind of request the servers are loaded with. */
interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const VALID_RUN: Scenario = {
  name: '200 valid run',
  method: 'POST',
  path: '/v1/models/echo-1/run',
  headers: { ...AUTH, 'Content-Type': 'application/json' },
  body: JSON.stringify({ prompt: 'hi' }),
};

const scenarios: Scenario[] = [
  { name: '401 missing key', method: 'GET', path: '/v1/models', headers: {} },
  {
    name: '400 invalid body',
    method: 'POST',
    path: '/v1/models/echo-1/run',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: '{}',
  },
  // Each server is asked for a 429 in its own way: Errata-Simulate for the sandbox, Prefer for Prism.
  {
    name: '429 simulated',
    method: 'GET',
    path: '/v1/models',
    headers: { ...AUTH, 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', Prefer: 'code=429' },
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function load(url: string, scenario: Scenario, duration: number, extra: Partial<Options> = {}): Promise<Result> {
  return autocannon({
    url: url + scenario.path,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration,
    ...extra,
  });
}

/** What a run measured of one server. */
interface Measured {
  rps: number;
  p99: number;
  errors: number;
  total: number;
  failures: number;
  /** The server's CPU time per request in µs, when its CPU time can be read (cpu-time.ts, /proc). */
  cpu?: number;
}

const SLICES = Math.max(1, DURATION);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Measures several servers in alternating 1 s slices (after a 3 s warm-up each), so that load from
 * elsewhere on a shared machine falls on all of them alike: a ratio between them means something
 * even when absolute numbers drift. Throughput is total requests / total time; p99 the median of the
 * slices'; CPU per request is the CPU time used during the slices over the requests served in them.
 */
async function interleaved(targets: { url: string; scenario: Scenario; cpu?: CpuTime }[]): Promise<Measured[]> {
  // 3 s each: the first seconds of a fresh process run unoptimized code (JIT), which is not the error path's cost.
  for (const { url, scenario } of targets) await load(url, scenario, 3);
  const acc = targets.map(() => ({ requests: 0, seconds: 0, p99s: [] as number[], errors: 0, total: 0, failures: 0 }));
  const cpu: (number | undefined)[] = targets.map(({ cpu: cpuTime }) => (cpuTime ? 0 : undefined));
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [i, { url, scenario, cpu: cpuTime }] of targets.entries()) {
      const before = await cpuTime?.();
      const r = await load(url, scenario, 1);
      const after = await cpuTime?.();
      if (before !== undefined && after !== undefined) cpu[i]! += after - before;
      else cpu[i] = undefined;
      const a = acc[i]!;
      // Each connection has a request in flight when a slice ends, on average half served: counted as
      // half done. Dropping them would cost a slow server (Prism: 32 of ~500 a slice) far more than a fast one.
      a.requests += r.requests.total + (r.requests.sent - r.requests.total) / 2;
      a.seconds += r.duration;
      a.p99s.push(r.latency.p99);
      a.errors += r.non2xx;
      a.total += r.requests.total;
      a.failures += r.errors + r.timeouts;
    }
  }
  return acc.map((a, i) => ({
    rps: a.requests / a.seconds,
    p99: median(a.p99s),
    errors: a.errors,
    total: a.total,
    failures: a.failures,
    ...(cpu[i] === undefined ? {} : { cpu: cpu[i] / a.requests }),
  }));
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux unless getconf says otherwise). */
function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
}

/**
 * The CPU time (µs, user + system) of a process that does not answer over IPC, such as Prism, read
 * from /proc/<pid>/stat where there is one; undefined elsewhere. Ticks are 10 ms: fine over slices
 * of a server that spends about a millisecond per request.
 */
function procCpuTime(pid: number | undefined): CpuTime | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  const ticks = clockTicks();
  return async () => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from the state on: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1e6;
  };
}

async function startPrism(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), SPEC], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`Prism exited (${child.exitCode}): ${stderr.slice(0, 500)}`);
    try {
      await fetch(`${url}/v1/models`, { headers: AUTH });
      return { url, child };
    } catch {
      await sleep(500);
    }
  }
  child.kill();
  throw new Error(`Prism did not start within 60 s: ${stderr.slice(0, 500)}`);
}

/** What serve.ts reports over IPC when asked for `memory`. */
interface Memory {
  heapUsed: number;
  rss: number;
  jobs: number;
  idempotencyKeys: number;
}

// The children are TypeScript too: they inherit this process's execArgv, which holds tsx's loader.
const benchFile = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** A child's CPU time so far in µs (cpu-time.ts). */
type CpuTime = () => Promise<number>;

/** Asks a child for its CPU time; the child's next message is the answer. */
const cpuTimeOf =
  (child: ChildProcess): CpuTime =>
  () => {
    const answer = new Promise<number>((resolve) =>
      child.once('message', (message) => resolve((message as { cpu: number }).cpu)),
    );
    child.send('cpu');
    return answer;
  };

async function startSandboxChild(): Promise<{
  url: string;
  child: ChildProcess;
  memory: () => Promise<Memory>;
  cpu: CpuTime;
}> {
  const child = fork(benchFile('./serve.ts'), { execArgv: [...process.execArgv, '--expose-gc'] });
  // serve.ts answers each message with exactly one reply: its URL first, then one Memory per
  // `memory`, one CPU time per `cpu`.
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)));
  const { url } = await next<{ url: string }>();
  const memory = () => {
    child.send('memory');
    return next<Memory>();
  };
  return { url, child, memory, cpu: cpuTimeOf(child) };
}

/** A server child that sends its URL once it listens (baseline.ts, fair-baseline.ts, kit-api.ts). */
function startChild(file: string, args: string[] = []): Promise<{ url: string; child: ChildProcess; cpu: CpuTime }> {
  const child = fork(benchFile(file), args);
  return new Promise((resolve) =>
    child.once('message', (message) =>
      resolve({ url: (message as { url: string }).url, child, cpu: cpuTimeOf(child) }),
    ),
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: Measured, b: Measured) => (a.rps / b.rps).toFixed(2);
/** CPU per request of `a` beside `b`'s, and how many of `a`'s requests fit in the CPU of one of `b`'s. */
const cpuPart = (a: Measured, b: Measured) =>
  `CPU ${a.cpu!.toFixed(1)} µs/request vs ${b.cpu!.toFixed(1)} (${(b.cpu! / a.cpu!).toFixed(2)}×)`;
const sandbox = await startSandboxChild();
const kitApi = await startChild('./kit-api.ts');
const fair = await startChild('./fair-baseline.ts');
const bareNode = await startChild('./baseline.ts', ['node']);
const bareHono = await startChild('./baseline.ts', ['hono']);
let prism: { url: string; child: ChildProcess; cpu: CpuTime | undefined } | undefined;
let prismError: string | undefined;
try {
  const started = await startPrism();
  prism = { ...started, cpu: procCpuTime(started.child.pid) };
} catch (error) {
  prismError = error instanceof Error ? error.message : String(error);
}

try {
  console.log(
    `Throughput on 127.0.0.1 — ${CONNECTIONS} connections, ${SLICES} interleaved 1 s slices per server and ` +
      'scenario. Fair baseline: a bare Hono app doing the same work by hand (request id, key, JSON parse, the ' +
      'same ajv validation, the same JSON error). Floors: bare Hono and bare node:http writing a 401 envelope ' +
      'without reading anything. Prism 5.14.2 mocking the same bundled spec.\n',
  );

  console.log("1. An API on the kit (the README's adopter server) against the fair baseline");
  const kitScenarios = [scenarios[0]!, scenarios[1]!, VALID_RUN];
  let kitMet = true;
  for (const scenario of kitScenarios) {
    const [k, f] = (await interleaved([
      { url: kitApi.url, scenario, cpu: kitApi.cpu },
      { url: fair.url, scenario, cpu: fair.cpu },
    ])) as [Measured, Measured];
    kitMet &&= k.rps / f.rps >= 0.85;
    console.log(
      `  ${scenario.name}: kit API ${fmt(k.rps)} req/s (p99 ${k.p99} ms) = ${ratio(k, f)}× fair baseline ` +
        `${fmt(f.rps)} req/s (target ≥ 0.85) — ${k.errors}/${k.total} error responses, ${k.failures} failures`,
    );
    console.log(`    ${cpuPart(k, f)}`);
  }

  console.log("\n2. The sandbox's error paths against the fair baseline, Prism and the floors");
  const baseline401 = scenarios[0]!;
  const met = { fair: true, prism: true, p99: true };
  for (const scenario of scenarios) {
    // Prism in the same slices as the rest: a ratio to it is measured under the same conditions.
    const [s, f, hono, node, p] = (await interleaved([
      { url: sandbox.url, scenario, cpu: sandbox.cpu },
      { url: fair.url, scenario, cpu: fair.cpu },
      { url: bareHono.url, scenario: baseline401, cpu: bareHono.cpu },
      { url: bareNode.url, scenario: baseline401, cpu: bareNode.cpu },
      ...(prism ? [{ url: prism.url, scenario, cpu: prism.cpu }] : []),
    ])) as [Measured, Measured, Measured, Measured, Measured | undefined];
    const vsPrism = p ? s.rps / p.rps : undefined;
    met.fair &&= s.rps / f.rps >= 0.6;
    met.prism &&= vsPrism !== undefined && vsPrism >= 10;
    met.p99 &&= s.p99 < 10;
    const prismPart = vsPrism !== undefined ? `${vsPrism.toFixed(1)}× Prism (target ≥ 10)` : 'Prism n/a';
    console.log(
      `  ${scenario.name}: sandbox ${fmt(s.rps)} req/s = ${ratio(s, f)}× fair baseline (target ≥ 0.6), ` +
        `${prismPart}, p99 ${s.p99} ms (target < 10) — ${s.errors}/${s.total} error responses, ${s.failures} failures`,
    );
    console.log(
      `    floors: ${ratio(s, hono)}× bare Hono ${fmt(hono.rps)} req/s, ${ratio(s, node)}× bare node:http ` +
        `${fmt(node.rps)} req/s; fair baseline ${fmt(f.rps)} req/s (p99 ${f.p99} ms)` +
        `${p ? `; Prism ${fmt(p.rps)} req/s (p99 ${p.p99} ms)` : ''}`,
    );
    const prismCpu =
      p?.cpu === undefined ? '' : `; Prism ${p.cpu.toFixed(1)} µs/request (${(p.cpu / s.cpu!).toFixed(1)}×)`;
    console.log(`    ${cpuPart(s, f)} of the fair baseline${prismCpu}`);
  }
  console.log(
    `\nTargets: kit API ≥ 0.85× fair baseline ${kitMet ? 'met' : 'NOT met'}; ` +
      `sandbox ≥ 0.6× fair baseline ${met.fair ? 'met' : 'NOT met'}; ` +
      `≥ 10× Prism ${prism ? (met.prism ? 'met' : 'NOT met') : `not measured (${prismError})`}; ` +
      `p99 < 10 ms ${met.p99 ? 'met' : 'NOT met'}`,
  );

  // Memory: submits with a fresh Idempotency-Key each, far past the job and idempotency caps.
  console.log('\n3. Memory under load (queue submits, a new Idempotency-Key each; heap after a full GC)');
  let n = 0;
  const submit: Scenario = {
    name: 'queue submit',
    method: 'POST',
    path: '/v1/queue/echo-1',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: 'memory' }),
  };
  const rounds: number[] = [];
  for (let round = 1; round <= 4; round++) {
    const result = await load(sandbox.url, submit, DURATION, {
      requests: [
        {
          setupRequest: (req) => {
            n += 1;
            return { ...req, headers: { ...req.headers, 'Idempotency-Key': `bench-${n}` } };
          },
        },
      ],
    });
    const memory = await sandbox.memory();
    rounds.push(memory.heapUsed);
    console.log(
      `  round ${round}: ${fmt(result.requests.total)} submits (${fmt(result.requests.average)}/s) → ` +
        `heap ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, ` +
        `jobs ${memory.jobs}, idempotency keys ${memory.idempotencyKeys}`,
    );
  }
  const growth = rounds.at(-1)! / rounds[1]!;
  console.log(
    `  heap round 4 / round 2: ${growth.toFixed(2)} (flat when ≈ 1; stores are capped at 10,000 entries each)`,
  );
} finally {
  sandbox.child.send('stop');
  kitApi.child.send('stop');
  fair.child.send('stop');
  bareNode.child.send('stop');
  bareHono.child.send('stop');
  prism?.child.kill('SIGTERM');
}
