// CI's conformance gate: the sandbox, started on 127.0.0.1, must pass the whole @errata/contract
// suite — every catalog code probed (simulated on every operation that declares it, and for real
// wherever a trigger exists), streamed runs checked event by event, and every operation fuzzed —
// and the suite must fail when one response is broken on its way out (a proxy in front of the
// sandbox breaks it).
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatReport, runConformance, simulateOnlyCodes } from '@errata/contract';
import { catalog, errorCodes } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { keyFor, modelFor, promptViolationMarker } from './seed.js';
import { useSandbox } from './test-support/http.js';

// High limits: the suite sends hundreds of requests with one key, and this run is about the contract.
const sandbox = useSandbox({ rateLimit: 1_000_000, concurrencyLimit: 64, requestTimeoutMs: 200, streamPaceMs: 1 });

describe('the sandbox keeps the contract', () => {
  it('passes every probe and fuzz run, and probes every catalog code', async () => {
    const report = await runConformance({
      baseUrl: sandbox().url,
      apiKey: 'sk_test_valid',
      keys: keyFor,
      modelsFor: modelFor,
      promptViolationMarker,
      seed: 42,
      numRuns: 50,
    });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.coverage.filter((r) => r.proof === 'none')).toEqual([]);
    for (const code of errorCodes)
      expect(
        report.coverage.filter((r) => r.code === code).map((r) => r.outcome),
        code,
      ).toContain('passed');
    // Real causes (the pack's triggers and keys, the spec's built-ins), not only simulation, for every code
    // the suite can cause for real: the sandbox is given every key, model and marker word, so none is left out.
    const triggered = new Set(
      report.results
        .filter((p) => p.proof === 'real' && p.code && p.section !== 'streams' && p.outcome === 'passed')
        .map((p) => p.code),
    );
    expect(triggered).toEqual(new Set(errorCodes.filter((code) => simulateOnlyCodes[code] === undefined)));
    // The content policy and an image model asked to stream, caused for real on each operation.
    const refusals = report.results.filter(
      (p) => p.via === 'trigger' && (p.code === 'PROMPT_VIOLATION' || p.code === 'UNSUPPORTED_MODEL'),
    );
    expect(refusals.map((p) => `${p.code} ${p.operationId} ${p.outcome}`).sort()).toEqual([
      'PROMPT_VIOLATION runModel passed',
      'PROMPT_VIOLATION submitRequest passed',
      'UNSUPPORTED_MODEL runModel passed',
    ]);
    expect(report.results.filter((r) => r.section === 'fuzz').map((f) => f.operationId)).toEqual(
      model.operations.map((op) => op.operationId),
    );
    // Streams: a plain one ending in done, every mid-stream code simulated, and the failing models for real.
    const midStream = errorCodes.filter((code) => catalog[code].midStream !== null);
    expect(
      report.results
        .filter((s) => s.section === 'streams' && s.outcome === 'passed')
        .map((s) => `${s.code ?? 'done'} ${s.via}`)
        .sort(),
    ).toEqual(
      [
        'done example',
        ...midStream.map((code) => `${code} simulate`),
        ...Object.keys(modelFor).map((code) => `${code} trigger`),
      ].sort(),
    );
  });

  it('probes IDEMPOTENCY_CONFLICT for real on every POST it can, saying why not on the other', async () => {
    const report = await runConformance({
      baseUrl: sandbox().url,
      apiKey: 'sk_test_valid',
      codes: ['IDEMPOTENCY_CONFLICT'],
      // The spec’s createFinetune example names files the sandbox does not have: the first use of the key is refused.
      notProbed: [
        { operation: 'createFinetune', code: 'IDEMPOTENCY_CONFLICT', reason: 'needs a finetune that succeeds' },
      ],
      simulate: false,
      streams: false,
      fuzz: false,
    });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.results.map((p) => `${p.operationId} ${p.via} ${p.outcome}`).sort()).toEqual([
      'createFinetune builtin skipped',
      'runModel builtin passed',
      'submitRequest builtin passed',
      'uploadFile trigger passed',
    ]);
    expect(report.results.find((p) => p.outcome === 'skipped')?.reason).toMatch(
      /^the request before it \(POST \/v1\/finetunes\) was refused: 404 [A-Z_]+_NOT_FOUND$/,
    );
  });

  it('skips the PROMPT_VIOLATION triggers, saying why, when no marker word is given', async () => {
    const report = await runConformance({
      baseUrl: sandbox().url,
      apiKey: 'sk_test_valid',
      codes: ['PROMPT_VIOLATION'],
      promptViolationMarker: '',
      simulate: false,
      streams: false,
      fuzz: false,
    });
    expect(report.results.filter((r) => r.outcome !== 'skipped')).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.coverage.find((r) => r.code === 'PROMPT_VIOLATION')?.detail).toMatch(/promptViolationMarker/);
  });

  it('keeps two runs in one process apart: each makes its own cancelled job, once', async () => {
    const codes = ['REQUEST_CANCELLED', 'REQUEST_FAILED', 'REQUEST_ALREADY_COMPLETED'] as const;
    const before = sandbox().state.queue.size;
    const options = {
      baseUrl: sandbox().url,
      apiKey: 'sk_test_valid',
      codes: [...codes],
      simulate: false,
      streams: false,
      fuzz: false,
    };
    const reports = await Promise.all([runConformance(options), runConformance(options)]);
    for (const report of reports)
      expect(
        report.results
          .filter((p) => p.outcome !== 'skipped')
          .map((p) => `${p.code} ${p.outcome}`)
          .sort(),
        formatReport(report),
      ).toEqual(codes.map((c) => `${c} passed`).sort());
    expect(sandbox().state.queue.size - before).toBe(2);
  });
});

type Breakage = (
  status: number,
  headers: IncomingHttpHeaders,
  body: Record<string, unknown>,
) => { status: number; headers: IncomingHttpHeaders; body: Record<string, unknown> };

// A proxy that forwards to the sandbox and breaks the response to one simulated code.
function breakingProxy(
  target: () => string,
  code: string,
  breakage: Breakage,
): { start(): Promise<string>; stop(): Promise<void> } {
  let server: Server;
  return {
    start: () =>
      new Promise((resolve) => {
        server = createServer((req, res) => {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            const upstream = httpRequest(
              `${target()}${req.url}`,
              { method: req.method, headers: req.headers },
              (up) => {
                const parts: Buffer[] = [];
                up.on('data', (c: Buffer) => parts.push(c));
                up.on('end', () => {
                  let status = up.statusCode!;
                  let headers = { ...up.headers };
                  let text = Buffer.concat(parts).toString();
                  // Streams pass through unbroken: the contract's own tests break those
                  // (packages/contract/test/streams.test.ts).
                  if (
                    req.headers['errata-simulate'] === code &&
                    up.headers['content-type']?.startsWith('application/json')
                  ) {
                    const broken = breakage(status, headers, JSON.parse(text));
                    ({ status, headers } = broken);
                    text = JSON.stringify(broken.body);
                  }
                  delete headers['content-length'];
                  res.writeHead(status, headers).end(text);
                });
              },
            );
            upstream.end(Buffer.concat(chunks));
          });
        });
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const breakages: { name: string; given: { code: string; breakage: Breakage }; want: RegExp }[] = [
  {
    name: 'a wrong status',
    given: { code: 'MODEL_NOT_FOUND', breakage: (_s, h, b) => ({ status: 400, headers: h, body: b }) },
    want: /status: expected 404 \(MODEL_NOT_FOUND\), got 400/,
  },
  {
    name: 'a body without request_id',
    given: {
      code: 'INSUFFICIENT_BALANCE',
      breakage: (s, h, { request_id: _, ...b }) => ({ status: s, headers: h, body: b }),
    },
    want: /body: must have required property 'request_id'/,
  },
  {
    name: 'no Retry-After on a 429',
    given: {
      code: 'RATE_LIMIT_EXCEEDED',
      breakage: (s, { 'retry-after': _, ...h }, b) => ({ status: s, headers: h, body: b }),
    },
    want: /header Retry-After: missing/,
  },
  {
    name: 'a stack trace in the message',
    given: {
      code: 'INTERNAL_ERROR',
      breakage: (s, h, b) => ({
        status: s,
        headers: h,
        body: { ...b, message: 'Error: boom\n    at handler (/srv/app.js:12:7)' },
      }),
    },
    want: /contains a stack trace/,
  },
];

describe('the suite catches a broken response', () => {
  it.each(breakages)('$name', async ({ given, want }) => {
    const proxy = breakingProxy(() => sandbox().url, given.code, given.breakage);
    const url = await proxy.start();
    try {
      const report = await runConformance({ baseUrl: url, apiKey: 'sk_test_valid', fuzz: false, triggers: false });
      expect(report.ok).toBe(false);
      const failed = report.results.filter((p) => p.outcome === 'failed');
      expect(new Set(failed.map((p) => p.code))).toEqual(new Set([given.code]));
      expect(failed[0]!.diff.join('\n')).toMatch(want);
      expect(formatReport(report)).toMatch(new RegExp(`FAIL \\w+ ${given.code} `));
    } finally {
      await proxy.stop();
    }
  });
});
