// Child process of the benchmark: the fair baseline. A bare Hono app on @hono/node-server that does
// by hand the work an API on the kit does — a request id, the key checked, the JSON body read and
// parsed, the same ajv validation (the spec's compiled TextGenerationInput), the same JSON error
// envelope — and nothing else (no operation lookup, no limits, no idempotency, no parser hooks).
// "The same" is checked against what the kit and the sandbox send (headers and body alike): an
// incoming request id is kept when it is a safe token, as the kit's requestId stage does; a 400
// names the code the kit's rules pick (a missing field MISSING_REQUIRED_FIELD), its message filled
// and its details as the kit's; a 429 carries the headers the sandbox's does (Retry-After, the
// RateLimit fields in both forms, Errata-Simulated), written as constants, the cheapest way by hand.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errataServer, INCOMING_REQUEST_ID } from '@errata/server';
import { compileSpecSchema, createSpecAjv } from '@errata/spec-model';
import { taskInputSchemas } from '@errata/types';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { answerCpuTime } from './cpu-time.js';

const kit = errataServer();
const validateInput = compileSpecSchema(createSpecAjv(kit.model.document), taskInputSchemas['text-generation']);
// Each error's envelope built once; per request only the request id and details change.
const template = (code: Parameters<typeof kit.error>[0]) => kit.error(code, {}, { requestId: '' }).body;
const missingKey = template('MISSING_API_KEY');
const missing = template('MISSING_REQUIRED_FIELD');
const invalid = template('INVALID_FIELD_VALUE');
const invalidRequest = template('INVALID_REQUEST');
const limited = template('RATE_LIMIT_EXCEEDED');
// The sandbox's simulated 429 in the bench: its window (serve.ts's limit, the default simulated wait) as it states it.
const LIMIT = String(1e9);
const limitedHeaders = {
  'Retry-After': '2',
  RateLimit: '"default";r=0;t=2',
  'RateLimit-Policy': `"default";q=${LIMIT}`,
  'RateLimit-Limit': LIMIT,
  'RateLimit-Remaining': '0',
  'RateLimit-Reset': '2',
  'Errata-Simulated': 'RATE_LIMIT_EXCEEDED',
};
const newId = () => `req_${randomUUID().replaceAll('-', '')}`;

const app = new Hono();
app.use('*', async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming !== undefined && INCOMING_REQUEST_ID.test(incoming) ? incoming : newId();
  c.set('requestId' as never, id as never);
  c.header('X-Request-Id', id);
  if (c.req.header('authorization') !== 'Bearer sk_test_valid') return c.json({ ...missingKey, request_id: id }, 401);
  if (c.req.header('errata-simulate') === 'RATE_LIMIT_EXCEEDED')
    return c.json({ ...limited, request_id: id, retry_after: 2 }, 429, limitedHeaders);
  await next();
});
app.get('/v1/models', (c) => c.json({ data: [] }));
app.post('/v1/models/:model/run', async (c) => {
  const id = c.get('requestId' as never) as string;
  let input: unknown;
  try {
    input = JSON.parse(await c.req.text());
  } catch {
    return c.json({ ...invalidRequest, request_id: id }, 400);
  }
  if (!validateInput(input)) {
    const error = validateInput.errors![0]!;
    const required = error.keyword === 'required';
    const path = required ? `${error.instancePath}/${error.params.missingProperty}` : error.instancePath;
    const field = path.slice(1).replaceAll('/', '.');
    const issue = error.message!;
    const base = required ? missing : invalid;
    const message = base.message.replace('{field}', field).replace('{issue}', issue);
    const details = { field, issue, issues: [{ path, message: issue, code: error.keyword }] };
    return c.json({ ...base, message, request_id: id, details }, 400);
  }
  return c.json({ model: c.req.param('model'), output: { text: (input as { prompt: string }).prompt } });
});

const server = await new Promise<Server>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
});
process.on('message', (message: unknown) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
answerCpuTime();
process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
