// The one fuzzer of both runs, over real HTTP on 127.0.0.1: a 5xx is a counterexample, a request
// that fails is one, a fuzzer that breaks is reported failed (never passed), and what the report
// quotes is redacted. The checker is a stand-in here: what it checks is check-response's, tested there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpecOperation } from '@errata/spec-model';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specFuzzRequests } from '../spec-suite/spec-fuzz.js';
import { fuzzOperation, fuzzResult, mutatedJsonBodies } from './fuzz.js';
import type { HttpContext, RequestSpec } from './http.js';

const KEY = 'sk_live_fuzzKEY_0123456789abcdef';
// Answers 500 to any body holding "boom", 200 otherwise.
let server: Server;
let http: HttpContext;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(body.includes('boom') ? 500 : 200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  http = { baseUrl, timeoutMs: 5000, fetch, redact: (text) => text.replaceAll(KEY, '[redacted]') };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const operation = { operationId: 'runModel' } as SpecOperation;
const accepting = { check: () => [] };
const post = (body: string, path = '/v1/run'): RequestSpec => ({ method: 'POST', path, body });
const options = { seed: 42, runs: 10 };

describe('fuzzOperation', () => {
  const cases: { name: string; given: fc.Arbitrary<RequestSpec>; want: { failed: boolean; diff?: RegExp } }[] = [
    { name: 'answers that pass the checker', given: fc.constant(post('{"prompt":"hi"}')), want: { failed: false } },
    { name: 'a 5xx', given: fc.constant(post('{"prompt":"boom"}')), want: { failed: true, diff: /status: 500/ } },
    {
      name: 'a request that fails',
      given: fc.constant({ ...post('{}'), path: 'http://127.0.0.1:1/' }),
      want: { failed: true, diff: /request failed/ },
    },
    {
      name: 'a fuzzer that breaks',
      given: fc.constant(post('{}')).map(() => {
        throw new Error('arbitrary broke');
      }),
      want: { failed: true, diff: /the fuzzer failed: .*arbitrary broke/ },
    },
  ];
  it.each(cases)('reports $name', async ({ given, want }) => {
    const result = fuzzResult('runModel', await fuzzOperation(http, accepting, operation, given, options), 'test');
    expect(result.outcome).toBe(want.failed ? 'failed' : 'passed');
    if (want.diff) expect(result.diff.join('\n')).toMatch(want.diff);
    else expect(result.diff).toEqual([]);
  });

  it('redacts the counterexample it quotes', async () => {
    const leaking = { check: () => [`body: echoed ${KEY}`] };
    const outcome = await fuzzOperation(http, leaking, operation, fc.constant(post('{}', `/v1/${KEY}`)), options);
    const result = fuzzResult('runModel', outcome, 'test', http.redact);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(result.diff).toEqual(['body: echoed [redacted]']);
  });
});

describe('the arbitraries', () => {
  it('mutates a valid body in every way: kept, field replaced, added, dropped, any JSON, not JSON', () => {
    const drawn = fc.sample(mutatedJsonBodies([{ prompt: 'hi', n: 1 }]), { seed: 7, numRuns: 300 });
    const parsed = drawn.map((text) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    });
    expect(drawn).toContain('{"prompt":"hi","n":1}');
    expect(drawn).toContain('{"n":1}');
    expect(parsed.some((p) => p === undefined)).toBe(true);
    expect(parsed.some((p) => p !== null && typeof p === 'object' && Object.keys(p).length > 2)).toBe(true);
  });

  it('keeps a --spec request as it is but for its key and body', () => {
    const base = {
      method: 'POST',
      path: '/v1/chat',
      headers: { 'X-Api-Key': KEY, 'Content-Type': 'application/json' },
    };
    const drawn = fc.sample(specFuzzRequests(base, { prompt: 'hi' }, 'X-Api-Key'), { seed: 7, numRuns: 200 });
    const keys = new Set(drawn.map((r) => r.headers?.['X-Api-Key'] ?? 'none'));
    expect(drawn.every((r) => r.method === 'POST' && r.path === '/v1/chat')).toBe(true);
    expect(drawn.every((r) => r.headers?.['Content-Type'] === 'application/json')).toBe(true);
    expect(keys.has(KEY)).toBe(true);
    expect(keys.has('none')).toBe(true);
    expect([...keys].some((k) => k.startsWith('Bearer '))).toBe(true);
  });
});
