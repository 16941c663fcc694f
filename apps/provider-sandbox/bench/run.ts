// `pnpm bench` (provider sandbox): throughput and p99 latency of one error path and one stream path
// per provider, as ratios against a baseline measured in the same run: a bare node:http server
// replaying the very answer the sandbox gave (status, headers, body bytes; a stream written at
// once), so the ratio is the sandbox's own cost (fault plan, corpus lookup, stream framing, Hono).
// Bounded autocannon runs on 127.0.0.1, each server in its own process, interleaved in 1 s slices
// so that load from elsewhere on a shared machine falls on both alike. Reported, never asserted.
// Bedrock is loaded on the HTTP/1.1 listener (autocannon speaks no HTTP/2): the same handlers.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import type { Recorded } from './baseline.js';

const SLICES = Math.max(1, Number(process.env.BENCH_DURATION ?? 3));
const CONNECTIONS = 16;

interface Scenario {
  name: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const simulate = { ...JSON_HEADERS, 'errata-simulate': 'RATE_LIMIT_EXCEEDED' };
const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
const messages = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [] });
const contents = JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }] });
const converse = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
const gemini = '/gemini/v1beta/models/gemini-2.5-flash';

const scenarios: Scenario[] = [
  { name: 'openai error (RATE_LIMIT_EXCEEDED)', path: '/openai/v1/chat/completions', headers: simulate, body: chat },
  {
    name: 'openai stream',
    path: '/openai/v1/chat/completions',
    headers: JSON_HEADERS,
    body: JSON.stringify({ ...JSON.parse(chat), stream: true }),
  },
  { name: 'anthropic error (RATE_LIMIT_EXCEEDED)', path: '/anthropic/v1/messages', headers: simulate, body: messages },
  {
    name: 'anthropic stream',
    path: '/anthropic/v1/messages',
    headers: JSON_HEADERS,
    body: JSON.stringify({ ...JSON.parse(messages), stream: true }),
  },
  { name: 'gemini error (RATE_LIMIT_EXCEEDED)', path: `${gemini}:generateContent`, headers: simulate, body: contents },
  { name: 'gemini stream', path: `${gemini}:streamGenerateContent?alt=sse`, headers: JSON_HEADERS, body: contents },
  { name: 'bedrock error (RATE_LIMIT_EXCEEDED)', path: '/bedrock/model/m/converse', headers: simulate, body: converse },
  { name: 'bedrock event stream', path: '/bedrock/model/m/converse-stream', headers: JSON_HEADERS, body: converse },
];

function startChild(file: string): Promise<{ url: string; child: ChildProcess }> {
  // The children are TypeScript too: they inherit this process's execArgv, which holds tsx's loader.
  const child = fork(fileURLToPath(new URL(file, import.meta.url)));
  return new Promise((resolve) =>
    child.once('message', (message) => resolve({ url: (message as { url: string }).url, child })),
  );
}

/** What the sandbox answers a scenario, recorded once for the baseline to replay. */
async function record(url: string, scenario: Scenario): Promise<Recorded> {
  const response = await fetch(url + scenario.path, { method: 'POST', headers: scenario.headers, body: scenario.body });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'transfer-encoding' && name !== 'connection' && name !== 'keep-alive') headers[name] = value;
  });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()).toString('base64') };
}

const load = (url: string, scenario: Scenario, seconds: number): Promise<Result> =>
  autocannon({
    url,
    method: 'POST',
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
  });

interface Measured {
  rps: number;
  p99: number;
  non2xx: number;
  total: number;
  failures: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A 1 s warm-up each, then alternating 1 s slices; throughput is requests over time, p99 the slices' median. */
async function interleaved(targets: { url: string; scenario: Scenario }[]): Promise<Measured[]> {
  for (const { url, scenario } of targets) await load(url, scenario, 1);
  const acc = targets.map(() => ({ requests: 0, seconds: 0, p99s: [] as number[], non2xx: 0, failures: 0 }));
  for (let slice = 0; slice < SLICES; slice++)
    for (const [i, { url, scenario }] of targets.entries()) {
      const r = await load(url, scenario, 1);
      const a = acc[i]!;
      a.requests += r.requests.total;
      a.seconds += r.duration;
      a.p99s.push(r.latency.p99);
      a.non2xx += r.non2xx;
      a.failures += r.errors + r.timeouts;
    }
  return acc.map((a) => ({
    rps: a.requests / a.seconds,
    p99: median(a.p99s),
    non2xx: a.non2xx,
    total: a.requests,
    failures: a.failures,
  }));
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sandbox = await startChild('./serve.ts');
const baseline = await startChild('./baseline.ts');
try {
  const recorded = await Promise.all(scenarios.map((s) => record(sandbox.url, s)));
  baseline.child.send(recorded);
  await new Promise((resolve) => baseline.child.once('message', resolve));
  console.log(
    `Provider sandbox on 127.0.0.1 — ${CONNECTIONS} connections, ${SLICES} interleaved 1 s slices per server and ` +
      'path. Baseline: a bare node:http server replaying the answer the sandbox gave (same status, headers and ' +
      'bytes; a stream written at once).\n',
  );
  const ratios: number[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const [s, b] = (await interleaved([
      { url: sandbox.url + scenario.path, scenario },
      { url: `${baseline.url}/${i}`, scenario },
    ])) as [Measured, Measured];
    ratios.push(s.rps / b.rps);
    console.log(
      `  ${scenario.name} (${recorded[i]!.status}): sandbox ${fmt(s.rps)} req/s (p99 ${s.p99} ms) = ` +
        `${(s.rps / b.rps).toFixed(2)}× bare node:http ${fmt(b.rps)} req/s (p99 ${b.p99} ms) — ` +
        `${s.non2xx}/${s.total} error responses, ${s.failures} failures`,
    );
  }
  console.log(`\nGeometric mean: ${Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length).toFixed(2)}×`);
} finally {
  sandbox.child.send('stop');
  baseline.child.send('stop');
}
