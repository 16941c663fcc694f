// `pnpm bench`: the client against bare openapi-fetch and raw fetch, in one run, over an
// in-process fetch stub (no network: this measures the client's own cost). Reports ratios to the
// baselines measured in the same run, never absolute targets: the machine is shared.
import createFetchClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import { createClient, normalizeError } from '../dist/index.js';

const baseUrl = 'http://bench.invalid';
const model = { params: { path: { model: 'echo-1' } } };
const ok = JSON.stringify({ id: 'echo-1', task: 'text-generation', description: 'Echoes.', visibility: 'public', requires_agreement: false, supports_lora: false });
const notFound = JSON.stringify({ code: 'MODEL_NOT_FOUND', message: 'Model echo-9 does not exist.', status: 404, request_id: 'req_1', doc_url: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND' });
const stub = (status, body) => async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });

const paths = {
  success: stub(200, ok),
  error: stub(404, notFound),
};

// Tasks run in interleaved rounds and each keeps its median: on a shared 2-core machine, the order
// of tasks and the JIT's warm-up otherwise decide more than the code does.
const rounds = 7;
const samples = {};
const benches = Object.entries(paths).map(([name, fetch]) => {
  const errata = createClient({ baseUrl, fetch, maxRetries: 0 });
  const errataRetrying = createClient({ baseUrl, fetch });
  const bare = createFetchClient({ baseUrl, fetch });
  return new Bench({ time: 250, warmupTime: 100 })
    .add(`${name}: raw fetch`, async () => {
      const response = await fetch(new Request(`${baseUrl}/v1/models/echo-1`));
      await response.json();
    })
    .add(`${name}: bare openapi-fetch`, () => bare.GET('/v1/models/{model}', model))
    .add(`${name}: @errata/client`, () => errataRetrying.GET('/v1/models/{model}', model))
    .add(`${name}: @errata/client (maxRetries 0)`, () => errata.GET('/v1/models/{model}', model));
});
for (let round = 0; round < rounds; round++) {
  for (const bench of benches) {
    await bench.run();
    for (const task of bench.tasks) (samples[task.name] ??= []).push(task.result.hz);
  }
}
const results = Object.fromEntries(Object.entries(samples).map(([name, hz]) => [name, hz.sort((a, b) => a - b)[Math.floor(hz.length / 2)]]));

const body = {
  envelope: { status: 404, body: notFound },
  'workers-ai': { status: 404, body: '{"error":{"code":"MODEL_NOT_FOUND","message":"The specified model does not exist."}}', provider: 'workers-ai' },
  'modelslab (message pattern)': { status: 400, body: '{"status":"error","message":"height must be divisible by 8"}', provider: 'modelslab' },
  'HTML 502': { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
};
const normalize = new Bench({ time: 500, warmupTime: 100 });
for (const [name, { provider, ...given }] of Object.entries(body)) normalize.add(name, () => normalizeError(given, { provider }));
await normalize.run();

const f = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
console.log(`\n@errata/client bench (in-process fetch stub, GET /v1/models/{model}; median of ${rounds} interleaved rounds)\n`);
for (const name of ['success', 'error']) {
  const bare = results[`${name}: bare openapi-fetch`];
  console.log(`${name} path`);
  for (const label of ['raw fetch', 'bare openapi-fetch', '@errata/client', '@errata/client (maxRetries 0)']) {
    const hz = results[`${name}: ${label}`];
    console.log(`  ${label.padEnd(30)} ${f(hz).padStart(9)} ops/s   ${(hz / bare).toFixed(2)}× bare openapi-fetch`);
  }
}
const ratio = results['success: @errata/client'] / results['success: bare openapi-fetch'];
console.log(`  target success ≥ 0.90× bare openapi-fetch (default client): ${ratio >= 0.9 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
console.log('\nnormalizeError');
let worst = 0;
for (const task of normalize.tasks) {
  const us = task.result.mean * 1000;
  worst = Math.max(worst, us);
  console.log(`  ${task.name.padEnd(30)} ${us.toFixed(2).padStart(6)} µs/op`);
}
console.log(`  target < 5 µs/op: ${worst < 5 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)} µs)\n`);
