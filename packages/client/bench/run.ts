// `pnpm bench`: the client against bare openapi-fetch, openai-node (a peer SDK with retries and typed
// errors) and raw fetch, in one run, over an in-process fetch stub (no network: this measures each
// client's own cost on the same request). Reports ratios to the baselines measured in the same
// run, never absolute targets: the machine is shared.
import { corpusCases } from '@errata/corpus';
import type { paths as Paths } from '@errata/types';
import OpenAI from 'openai';
import createFetchClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import type * as Adapters from '../src/adapters.js';
import type * as Client from '../src/index.js';
import type * as Normalize from '../src/normalize-error.js';
import type { Provider } from '../src/normalize-error.js';
import { type CaseOutcome, isRight, runCase } from '../test/helpers/corpus-run.js';

// What ships (dist/, built by `pnpm build`, which the bench task depends on) is measured, typed by
// its source, so that typechecking the bench needs no build.
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
const { createClient } = (await import(dist('index.js'))) as typeof Client;
const { normalizeError } = (await import(dist('normalize-error.js'))) as typeof Normalize;
const { fromSdkError } = (await import(dist('adapters.js'))) as typeof Adapters;

const baseUrl = 'http://bench.invalid';
const model = { params: { path: { model: 'echo-1' } } };
const ok = JSON.stringify({
  id: 'echo-1',
  task: 'text-generation',
  description: 'Echoes.',
  visibility: 'public',
  requires_agreement: false,
  supports_lora: false,
});
const notFound = JSON.stringify({
  code: 'MODEL_NOT_FOUND',
  message: 'Model echo-9 does not exist.',
  status: 404,
  request_id: 'req_1',
  doc_url: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND',
});
const stub = (status: number, body: string) => async () =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });

const paths: Record<string, (request: Request) => Promise<Response>> = {
  success: stub(200, ok),
  error: stub(404, notFound),
};

// Every task is its own Bench, run in rounds whose order rotates, and keeps the median of its
// rounds: on a shared 2-core machine, the order of tasks, GC debt and the JIT's warm-up otherwise
// decide more than the code does. One warm-up round is thrown away.
// More rounds steady the medians when the machine is busy: `BENCH_ROUNDS=31 pnpm bench`.
const rounds = Number(process.env.BENCH_ROUNDS ?? 11);
const samples: Record<string, number[]> = {};
const tasks = Object.entries(paths).flatMap(([name, fetch]): [string, () => Promise<unknown>][] => {
  const errata = createClient({ baseUrl, fetch, maxRetries: 0 });
  const errataRetrying = createClient({ baseUrl, fetch });
  const errataNoTimeout = createClient({ baseUrl, fetch, timeout: Infinity });
  const bare = createFetchClient<Paths>({ baseUrl, fetch });
  // The same GET /v1/models/echo-1 through openai-node's `models.retrieve`, with its defaults (2
  // retries, a 10 min timeout); a 404 is thrown as its NotFoundError, which the task catches.
  // The stub reads nothing of its input: openai-node's (url, init) call gets the same answer.
  const openai = new OpenAI({ apiKey: 'sk_bench', baseURL: `${baseUrl}/v1`, fetch: fetch as never });
  return [
    [
      `${name}: raw fetch`,
      async () => {
        const response = await fetch(new Request(`${baseUrl}/v1/models/echo-1`));
        await response.json();
      },
    ],
    [`${name}: bare openapi-fetch`, () => bare.GET('/v1/models/{model}', model)],
    [`${name}: openai-node`, () => openai.models.retrieve('echo-1').catch((error: unknown) => error)],
    [`${name}: @errata/client`, () => errataRetrying.GET('/v1/models/{model}', model)],
    [`${name}: @errata/client (maxRetries 0)`, () => errata.GET('/v1/models/{model}', model)],
    // No timeout and no signal: no AbortController, timer or listener of ours on the call.
    [`${name}: @errata/client (timeout Infinity)`, () => errataNoTimeout.GET('/v1/models/{model}', model)],
  ];
});
for (let round = -1; round < rounds; round++) {
  for (let i = 0; i < tasks.length; i++) {
    const [name, fn] = tasks[(i + Math.max(round, 0)) % tasks.length]!;
    const bench = new Bench({ time: 200, warmupTime: 50 }).add(name, fn);
    await bench.run();
    if (round < 0) continue;
    samples[name] ??= [];
    samples[name].push(bench.tasks[0]!.result!.hz);
  }
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medians = new Map(Object.entries(samples).map(([name, hz]) => [name, median(hz)]));
// A target's ratio is the median of its per-round ratios: both tasks of a round ran within seconds
// of each other, so a load that comes and goes on the shared machine moves both.
function pairedRatio(task: string, baseline: string): number {
  const [ours, theirs] = [samples[task], samples[baseline]];
  if (!ours || !theirs) throw new Error(`The bench measured no task named ${ours ? baseline : task}`);
  return median(ours.map((hz, round) => hz / theirs[round]!));
}
const result = (task: string): number => {
  const hz = medians.get(task);
  if (hz === undefined) throw new Error(`The bench measured no task named ${task}`);
  return hz;
};

const body: Record<string, { status: number; body: string; provider?: Provider }> = {
  envelope: { status: 404, body: notFound },
  'workers-ai': {
    status: 404,
    body: '{"error":{"code":"MODEL_NOT_FOUND","message":"The specified model does not exist."}}',
    provider: 'workers-ai',
  },
  'modelslab (message pattern)': {
    status: 400,
    body: '{"status":"error","message":"height must be divisible by 8"}',
    provider: 'modelslab',
  },
  'HTML 502': { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
};
const normalize = new Bench({ time: 500, warmupTime: 100 });
for (const [name, { provider, ...given }] of Object.entries(body))
  normalize.add(name, () => normalizeError(given, { provider }));
await normalize.run();

// Detection: the first observed body of each provider that sent one, with its headers, normalized
// with the provider named and without (detected from headers and shape). Each pair runs in one Bench,
// so the ratio compares like with like.
const sampled = [
  ...new Map(
    corpusCases
      .filter((c) => c.kind === 'observed' && c.given.body !== undefined)
      .map((c) => [c.provider, c] as const)
      .reverse(),
  ).values(),
].reverse();
/** Named vs detected µs/op (medians) and the median of the per-round ratios. */
interface Paired {
  hinted: number;
  detected: number;
  ratio: number;
}

/**
 * Seven rounds of `hinted` against `detected`, the order alternating, each round one Bench: one round
 * is at the mercy of the shared machine. The ratio is the median of the per-round ratios (both tasks
 * of a round ran within the same fraction of a second, so a load that comes and goes moves both), as
 * for the client's targets.
 */
async function paired(hinted: () => void, detected: () => void, time: number): Promise<Paired> {
  const runs: { hinted: number[]; detected: number[] } = { hinted: [], detected: [] };
  for (let round = 0; round < 7; round++) {
    const pair = new Bench({ time, warmupTime: time / 3 });
    if (round % 2) pair.add('detected', detected).add('hinted', hinted);
    else pair.add('hinted', hinted).add('detected', detected);
    await pair.run();
    for (const task of pair.tasks) runs[task.name as 'hinted' | 'detected'].push(task.result!.mean * 1000);
  }
  const ratio = median(runs.detected.map((us, round) => us / runs.hinted[round]!));
  return { hinted: median(runs.hinted), detected: median(runs.detected), ratio };
}

const bodies = sampled.map((c) => ({
  id: c.id,
  provider: c.provider as Provider,
  given: { status: c.given.status ?? 0, headers: c.given.headers, body: c.given.body },
}));
const detection: (Paired & { id: string })[] = [];
for (const { id, provider, given } of bodies) {
  const pair = await paired(
    () => normalizeError(given, { provider }),
    () => normalizeError(given),
    100,
  );
  detection.push({ id, ...pair });
}

// The same bodies as mixed traffic: each call normalizes the next provider's body, so no call finds
// the member names of the body before it (detection keeps the last body's names to fill its slots
// faster; the per-body pairs above always find them). Reported beside the per-body target, not instead.
let nextHinted = 0;
let nextDetected = 0;
const mixed = await paired(
  () => {
    const { given, provider } = bodies[nextHinted++ % bodies.length]!;
    normalizeError(given, { provider });
  },
  () => normalizeError(bodies[nextDetected++ % bodies.length]!.given),
  200,
);

// The corpus: how many cases come out right with the hint and without, and how often both agree.
const api = { normalizeError, fromSdkError };
const outcomes = corpusCases.map((c) => ({ c, hinted: runCase(c, true, api), bare: runCase(c, false, api) }));
const codeOf = (o: CaseOutcome) => ('envelope' in o ? o.envelope.code : undefined);

const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
console.log(
  `\n@errata/client bench (in-process fetch stub, GET /v1/models/{model}; median of ${rounds} rotated rounds)\n`,
);
for (const name of ['success', 'error']) {
  const bare = result(`${name}: bare openapi-fetch`);
  console.log(`${name} path`);
  for (const label of [
    'raw fetch',
    'bare openapi-fetch',
    'openai-node',
    '@errata/client',
    '@errata/client (maxRetries 0)',
    '@errata/client (timeout Infinity)',
  ]) {
    const hz = result(`${name}: ${label}`);
    console.log(`  ${label.padEnd(34)} ${f(hz).padStart(9)} ops/s   ${(hz / bare).toFixed(2)}× bare openapi-fetch`);
  }
}
// The targets, for the default client (2 retries, 60 s timeout), measured in this run.
console.log('\nratios to the baselines (median of per-round ratios)');
for (const [name, baseline, target] of [
  ['success', 'openai-node', 1],
  ['error', 'openai-node', 1],
  ['success', 'bare openapi-fetch', 0.95],
  ['error', 'bare openapi-fetch', 0.9],
] as const) {
  const ratio = pairedRatio(`${name}: @errata/client`, `${name}: ${baseline}`);
  const verdict = ratio >= target ? 'met' : 'NOT met';
  console.log(`${name} path: ${ratio.toFixed(2)}× ${baseline} (target ≥ ${target.toFixed(2)}) ${verdict}`);
}
console.log('\nnormalizeError');
let worst = 0;
for (const task of normalize.tasks) {
  const us = task.result!.mean * 1000;
  worst = Math.max(worst, us);
  console.log(`  ${task.name.padEnd(30)} ${us.toFixed(2).padStart(6)} µs/op`);
}
console.log(`  target < 5 µs/op: ${worst < 5 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)} µs)\n`);

console.log(
  'normalizeError on observed corpus bodies: provider named vs detected ' +
    '(µs/op, medians of 7 rounds; ratio: median per round)',
);
let worstBody = 0;
let worstRatio = 0;
for (const { id, hinted, detected, ratio } of detection) {
  worstBody = Math.max(worstBody, hinted, detected);
  worstRatio = Math.max(worstRatio, ratio);
  const times = `${hinted.toFixed(2).padStart(6)} ${detected.toFixed(2).padStart(6)}`;
  console.log(`  ${id.padEnd(52)} ${times}   ${ratio.toFixed(2)}×`);
}
console.log(`  worst body < 5 µs/op: ${worstBody < 5 ? 'met' : 'NOT met'} (worst ${worstBody.toFixed(2)} µs)`);
console.log(`  detected ≤ 1.5× named: ${worstRatio <= 1.5 ? 'met' : 'NOT met'} (worst ${worstRatio.toFixed(2)}×)`);
console.log(
  `  mixed traffic (each call the next provider's body): named ${mixed.hinted.toFixed(2)} µs, ` +
    `detected ${mixed.detected.toFixed(2)} µs = ${mixed.ratio.toFixed(2)}× (reported)\n`,
);

const runnable = outcomes.filter((o) => 'envelope' in o.hinted);
const pct = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;
const rightHinted = runnable.filter((o) => isRight(o.c, o.hinted)).length;
const rightBare = runnable.filter((o) => isRight(o.c, o.bare)).length;
const same = runnable.filter((o) => codeOf(o.hinted) === codeOf(o.bare)).length;
const observed = runnable.filter((o) => o.c.kind === 'observed');
console.log(
  `corpus (${corpusCases.length} cases; ${outcomes.length - runnable.length} SDK errors wait for an adapter)`,
);
console.log(`  right with the provider named   ${pct(rightHinted, runnable.length)}`);
console.log(`  right without it (detected)     ${pct(rightBare, runnable.length)}`);
console.log(
  `  observed cases right, named     ${pct(observed.filter((o) => isRight(o.c, o.hinted)).length, observed.length)} ` +
    '(target 100%)',
);
console.log(
  `  same code with and without      ${pct(same, runnable.length)} ` +
    `(target ≥ 95%: ${same >= 0.95 * runnable.length ? 'met' : 'NOT met'})`,
);
console.log('  per provider: observed / documented (stream, SDK)');
const providersSeen = [...new Set(corpusCases.map((c) => c.provider))].sort();
for (const p of providersSeen) {
  const of = corpusCases.filter((c) => c.provider === p);
  const n = (f: (c: (typeof of)[number]) => boolean) => of.filter(f).length;
  console.log(
    `    ${p.padEnd(20)} ${String(n((c) => c.kind === 'observed')).padStart(3)} / ` +
      `${String(n((c) => c.kind === 'documented')).padEnd(3)} ` +
      `(${n((c) => !!c.given.stream)}, ${n((c) => !!c.given.sdk_error)})`,
  );
}
console.log('');
