/**
 * Runs the conformance suite against a server: real triggers first (they create a few queued
 * jobs), then every declared code through `Errata-Simulate`, then streamed responses, then the
 * fuzzer. Rate limits on the
 * server can make probes fail: run it with a key whose limits are high, or against a server
 * configured for it (the sandbox: `ERRATA_RATE_LIMIT`).
 */

import type { Redactor } from '@errata/redact';
import { type ErrorCode, errorCodes } from '@errata/types';
import { fuzzOperation } from './internal/fuzz.js';
import { runTriggers } from './internal/run-triggers.js';
import { runSimulateProbes } from './internal/simulate-probes.js';
import { runStreamProbes } from './internal/stream-probes.js';
import { createSuiteContext } from './internal/suite-context.js';
import { DEFAULT_PROMPT_VIOLATION_MARKER } from './internal/triggers/index.js';
import type { ConformanceReport, FuzzResult, UnreachableCode } from './report.js';

export interface ConformanceOptions {
  /** The server, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** A working API key (sent as `Authorization: Bearer …`). */
  apiKey: string;
  /** Keys that produce account errors, e.g. `{ EXPIRED_API_KEY: 'sk_test_expired' }`: real triggers for those codes. */
  keys?: Partial<Record<ErrorCode, string>>;
  /** Models that produce model errors when run, e.g. `{ TIMEOUT: 'slow-1' }`. */
  modelsFor?: Partial<Record<ErrorCode, string>>;
  /** Use `Errata-Simulate` for every declared code (default true). Off: only real triggers. */
  simulate?: boolean;
  /** Cause codes for real where the suite knows how (default true). */
  triggers?: boolean;
  /** Probe streamed responses of operations that declare `text/event-stream` (default true). */
  streams?: boolean;
  /** Fuzz every operation (default true). */
  fuzz?: boolean;
  /** Seed of the fuzzer (default 42): the same seed sends the same requests. */
  seed?: number;
  /** Fuzz runs per operation (default 50). */
  numRuns?: number;
  /** Only these operations (default all). */
  operations?: string[];
  /** Only these codes (default all). */
  codes?: ErrorCode[];
  /** Per-request timeout in ms (default 15000). */
  timeoutMs?: number;
  /** The server's JSON body limit in bytes, for the REQUEST_TOO_LARGE trigger (default 1 MiB). */
  requestLimitBytes?: number;
  /** The server's upload limit in bytes, for the FILE_TOO_LARGE trigger (default 10 MiB, as the spec says). */
  fileLimitBytes?: number;
  /**
   * A word the server's content policy refuses in a prompt, for the PROMPT_VIOLATION triggers
   * (the sandbox's is `forbidden`). Without one those triggers are skipped, with the reason.
   */
  promptViolationMarker?: string;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

/**
 * Probes every code and fuzzes every operation; resolves with the report (never throws for a
 * non-conforming server: read `report.ok`).
 *
 * @example
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * if (!report.ok) console.error(formatReport(report));
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const seed = options.seed ?? 42;
  const context = await createSuiteContext({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    keys: options.keys ?? {},
    modelsFor: options.modelsFor ?? {},
    timeoutMs: options.timeoutMs ?? 15_000,
    requestLimitBytes: options.requestLimitBytes ?? 1024 * 1024,
    fileLimitBytes: options.fileLimitBytes ?? 10 * 1024 * 1024,
    promptViolationMarker: options.promptViolationMarker ?? DEFAULT_PROMPT_VIOLATION_MARKER,
    fetch: options.fetch ?? fetch,
  });
  const only = options.codes ? new Set(options.codes) : undefined;
  const operations = context.operations.filter(
    (op) => !options.operations || options.operations.includes(op.operationId),
  );
  const wanted = new Set(operations.map((op) => op.operationId));

  const triggers =
    options.triggers === false
      ? { results: [], unavailable: new Map<ErrorCode, string>() }
      : await runTriggers(context, only, wanted);
  const simulated = options.simulate === false ? [] : await runSimulateProbes(context, operations, only);
  const probes = [...triggers.results, ...simulated];
  const streamed =
    options.streams === false
      ? { results: [], unavailable: undefined }
      : await runStreamProbes(context, operations, {
          simulate: options.simulate !== false,
          triggers: options.triggers !== false,
          only,
        });
  const streams = streamed.results;

  const fuzz: FuzzResult[] = [];
  if (options.fuzz !== false) {
    for (const [index, operation] of operations.entries())
      fuzz.push(await fuzzOperation(context, operation, seed + index, options.numRuns ?? 50));
  }

  const coverage = {} as ConformanceReport['coverage'];
  const proof = {} as ConformanceReport['proof'];
  const unreachable: UnreachableCode[] = [];
  for (const code of only ? errorCodes.filter((c) => only.has(c)) : errorCodes) {
    const results = [...probes.filter((p) => p.code === code), ...streams.filter((s) => s.ending === code)];
    proof[code] = !results.length ? 'none' : results.some((r) => r.via === 'trigger') ? 'real' : 'simulated';
    if (results.length) {
      coverage[code] = results.some((p) => p.outcome === 'failed') ? 'failed' : 'passed';
      continue;
    }
    coverage[code] = 'not_reachable';
    const declaredSomewhere = context.operations.some((op) => op.responses.some((r) => r.codes.includes(code)));
    const reason =
      triggers.unavailable.get(code) ??
      (options.simulate === false
        ? 'no real trigger is known, and simulation is off'
        : declaredSomewhere
          ? 'no selected operation declares it'
          : 'no operation declares it, and no real trigger is known');
    unreachable.push({ code, reason });
  }
  const ok =
    probes.every((p) => p.outcome === 'passed') &&
    streams.every((s) => s.outcome === 'passed') &&
    fuzz.every((f) => f.outcome === 'passed');
  return redactReport(
    { baseUrl: options.baseUrl, seed, ok, probes, streams, unreachable, fuzz, coverage, proof },
    context.redact,
  );
}

// Responses are redacted as they are captured; this last pass covers every other string (fetch
// errors, reasons) so that no key reaches the report, whatever produced the line.
function redactReport(report: ConformanceReport, redact: Redactor): ConformanceReport {
  const lines = (diff: string[]) => diff.map(redact);
  return {
    ...report,
    baseUrl: redact(report.baseUrl),
    probes: report.probes.map((p) => ({ ...p, request: redact(p.request), diff: lines(p.diff) })),
    streams: report.streams.map((s) => ({ ...s, request: redact(s.request), diff: lines(s.diff) })),
    unreachable: report.unreachable.map((u) => ({ ...u, reason: redact(u.reason) })),
    fuzz: report.fuzz.map((f) =>
      f.counterexample
        ? {
            ...f,
            counterexample: {
              ...f.counterexample,
              request: redact(f.counterexample.request),
              diff: lines(f.counterexample.diff),
            },
          }
        : f,
    ),
  };
}
