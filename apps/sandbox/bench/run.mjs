// `pnpm bench` (sandbox): error-path throughput and p99 latency of the sandbox against a Prism
// mock of the same spec, in the same run, on 127.0.0.1 with bounded autocannon runs; then a
// memory run that fills the job and idempotency stores far past their caps.
// Targets: ≥ 5,000 error responses/s, ≥ 10× Prism. Reported, never asserted.
import { fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);
const SPEC = require.resolve('@errata/types/openapi.json');
const PRISM = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = 32;
const AUTH = { Authorization: 'Bearer sk_test_valid' };

const scenarios = [
  { name: '401 missing key', method: 'GET', path: '/v1/models', headers: {} },
  { name: '400 invalid body', method: 'POST', path: '/v1/models/echo-1/run', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: '{}' },
  // Each server is asked for a 429 in its own way: Errata-Simulate for the sandbox, Prefer for Prism.
  { name: '429 simulated', method: 'GET', path: '/v1/models', headers: { ...AUTH, 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', Prefer: 'code=429' } },
];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function load(url, scenario, duration, extra = {}) {
  return autocannon({ url: url + scenario.path, method: scenario.method, headers: scenario.headers, body: scenario.body, connections: CONNECTIONS, duration, ...extra });
}

async function measure(url, scenario) {
  await load(url, scenario, 1); // warm-up, discarded
  const result = await load(url, scenario, DURATION);
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx, total: result.requests.total, failures: result.errors + result.timeouts };
}

async function startPrism() {
  const port = await freePort();
  const child = spawn(PRISM, ['mock', '-h', '127.0.0.1', '-p', String(port), SPEC], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
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

function startSandboxChild() {
  const child = fork(fileURLToPath(new URL('./serve.mjs', import.meta.url)), { execArgv: ['--expose-gc'] });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  return next().then(({ url }) => ({ url, child, memory: () => (child.send('memory'), next()) }));
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const sandbox = await startSandboxChild();
let prism;
let prismError;
try {
  prism = await startPrism();
} catch (error) {
  prismError = error.message;
}

try {
  console.log(`Error-path throughput on 127.0.0.1 — ${CONNECTIONS} connections, ${DURATION} s per run, sandbox and Prism 5.14.2 (mock of the same bundled spec)\n`);
  console.log('scenario            sandbox req/s  p99 ms | prism req/s  p99 ms | ratio  | error responses (sandbox / prism)');
  const ratios = [];
  let minSandbox = Infinity;
  for (const scenario of scenarios) {
    const s = await measure(sandbox.url, scenario);
    minSandbox = Math.min(minSandbox, s.rps);
    const p = prism ? await measure(prism.url, scenario) : undefined;
    const ratio = p ? s.rps / p.rps : undefined;
    if (ratio) ratios.push(ratio);
    console.log(
      `${scenario.name.padEnd(19)} ${fmt(s.rps).padStart(13)} ${String(s.p99).padStart(7)} | ${p ? fmt(p.rps).padStart(11) : 'n/a'.padStart(11)} ${p ? String(p.p99).padStart(7) : '    n/a'} | ${ratio ? `${ratio.toFixed(1)}×`.padStart(6) : '   n/a'} | ${s.errors}/${s.total} / ${p ? `${p.errors}/${p.total}` : 'n/a'}`,
    );
  }
  console.log(`\nTarget ≥ 5,000 error responses/s: ${minSandbox >= 5000 ? 'met' : 'NOT met'} (slowest scenario ${fmt(minSandbox)} req/s)`);
  if (prism) console.log(`Target ≥ 10× Prism: ${Math.min(...ratios) >= 10 ? 'met' : 'NOT met'} (lowest ratio ${Math.min(...ratios).toFixed(1)}×)`);
  else console.log(`Prism could not be measured: ${prismError}`);

  // Memory: submits with a fresh Idempotency-Key each, far past the job and idempotency caps.
  console.log('\nMemory under load (queue submits, a new Idempotency-Key each; heap after a full GC)');
  let n = 0;
  const submit = {
    method: 'POST',
    path: '/v1/queue/echo-1',
    headers: { ...AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: 'memory' }),
  };
  const rounds = [];
  for (let round = 1; round <= 4; round++) {
    const result = await load(sandbox.url, submit, DURATION, {
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'Idempotency-Key': `bench-${++n}` } }) }],
    });
    const memory = await sandbox.memory();
    rounds.push(memory.heapUsed);
    console.log(`  round ${round}: ${fmt(result.requests.total)} submits (${fmt(result.requests.average)}/s) → heap ${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(1)} MiB, jobs ${memory.jobs}, idempotency keys ${memory.idempotencyKeys}`);
  }
  const growth = rounds.at(-1) / rounds[1];
  console.log(`  heap round 4 / round 2: ${growth.toFixed(2)} (flat when ≈ 1; stores are capped at 10,000 entries each)`);
} finally {
  sandbox.child.send('stop');
  prism?.child.kill('SIGTERM');
}
