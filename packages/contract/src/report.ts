/**
 * The conformance report: per operation and code, whether producing that error gave a response
 * the spec accepts (and how it was produced), which codes could not be reached and why, and the
 * fuzzer's verdict per operation. `formatReport` renders it for a terminal or a CI log.
 */
import type { ErrorCode } from '@errata/types';
import type { StreamEnding } from './check-stream.js';

/** How a probe produced its error: the `Errata-Simulate` header, or a real cause (no key, a bad field…). */
export type ProbeVia = 'simulate' | 'trigger';

/** One attempt to make one operation answer one code. */
export interface ProbeResult {
  /** The operation, or `unrouted` for paths the spec does not define. */
  operationId: string;
  code: ErrorCode;
  via: ProbeVia;
  /** `METHOD /path` of the request that should have produced the code. */
  request: string;
  outcome: 'passed' | 'failed';
  /** What differed from the spec; empty when passed. */
  diff: string[];
}

/** A code no probe produced, and why. */
export interface UnreachableCode {
  code: ErrorCode;
  reason: string;
}

/** The fuzzer's verdict on one operation. */
export interface FuzzResult {
  operationId: string;
  seed: number;
  numRuns: number;
  outcome: 'passed' | 'failed';
  /** The first request whose response the spec does not allow, and what was wrong with it. */
  counterexample?: { request: string; status: number; diff: string[] };
}

/** One streamed request: how its stream had to end, and whether it did, as the spec says. */
export interface StreamProbeResult {
  operationId: string;
  /** `done` for a plain stream; the code of the error event it had to end with otherwise. */
  ending: StreamEnding;
  /**
   * `plain`: nothing asked for; `simulate`: Errata-Simulate with Errata-Simulate-After; `trigger`:
   * a model from `modelsFor`.
   */
  via: 'plain' | 'simulate' | 'trigger';
  request: string;
  outcome: 'passed' | 'failed';
  diff: string[];
}

export interface ConformanceReport {
  baseUrl: string;
  seed: number;
  /** True when no probe and no fuzz run failed. */
  ok: boolean;
  probes: ProbeResult[];
  /** Streamed responses: one row per operation and ending (done, or each mid-stream code). */
  streams: StreamProbeResult[];
  unreachable: UnreachableCode[];
  fuzz: FuzzResult[];
  /** Every catalog code: probed (and whether each probe passed), or not reachable. */
  coverage: Record<ErrorCode, 'passed' | 'failed' | 'not_reachable'>;
  /**
   * Every catalog code: caused for real by a trigger (`real`), only through `Errata-Simulate`
   * (`simulated`), or not probed (`none`) — the split `errata-contract --spec` reports too.
   */
  proof: Record<ErrorCode, 'real' | 'simulated' | 'none'>;
}

/**
 * Renders a report as text: one block per operation, one line per code, diffs indented below.
 *
 * @example
 * const report = await runConformance({ baseUrl, apiKey });
 * console.log(formatReport(report));
 */
export function formatReport(report: ConformanceReport): string {
  const lines: string[] = [`Errata contract conformance — ${report.baseUrl} (seed ${report.seed})`, ''];
  const operations = [
    ...new Set([
      ...report.probes.map((p) => p.operationId),
      ...report.streams.map((s) => s.operationId),
      ...report.fuzz.map((f) => f.operationId),
    ]),
  ];
  for (const operationId of operations) {
    lines.push(operationId);
    const probes = report.probes.filter((p) => p.operationId === operationId);
    const codes = [...new Set(probes.map((p) => p.code))];
    for (const code of codes) {
      const results = probes.filter((p) => p.code === code);
      const failed = results.filter((p) => p.outcome === 'failed');
      const via = [...new Set(results.map((p) => p.via))].join(', ');
      lines.push(`  ${failed.length ? 'FAIL' : 'pass'}  ${code.padEnd(28)} ${via}`);
      for (const failure of failed) {
        lines.push(`          ${failure.via}: ${failure.request}`);
        for (const line of failure.diff) lines.push(`            - ${line}`);
      }
    }
    const streams = report.streams.filter((s) => s.operationId === operationId);
    for (const ending of [...new Set(streams.map((s) => s.ending))]) {
      const results = streams.filter((s) => s.ending === ending);
      const failed = results.filter((s) => s.outcome === 'failed');
      const via = [...new Set(results.map((s) => s.via))].join(', ');
      lines.push(
        `  ${failed.length ? 'FAIL' : 'pass'}  ` +
          `${(ending === 'done' ? 'stream → done' : `${ending} (streamed)`).padEnd(28)} ${via}`,
      );
      for (const failure of failed) {
        lines.push(`          ${failure.via}: ${failure.request} (streamed)`);
        for (const line of failure.diff) lines.push(`            - ${line}`);
      }
    }
    const fuzz = report.fuzz.find((f) => f.operationId === operationId);
    if (fuzz) {
      lines.push(`  ${fuzz.outcome === 'passed' ? 'pass' : 'FAIL'}  fuzz: ${fuzz.numRuns} runs, seed ${fuzz.seed}`);
      if (fuzz.counterexample) {
        lines.push(`          ${fuzz.counterexample.request} → ${fuzz.counterexample.status}`);
        for (const line of fuzz.counterexample.diff) lines.push(`            - ${line}`);
      }
    }
    lines.push('');
  }
  if (report.unreachable.length) {
    lines.push('Not reachable');
    for (const { code, reason } of report.unreachable) lines.push(`  ${code.padEnd(28)} ${reason}`);
    lines.push('');
  }
  const passed = report.probes.filter((p) => p.outcome === 'passed').length;
  const failed = report.probes.length - passed;
  const streamsPassed = report.streams.filter((s) => s.outcome === 'passed').length;
  const fuzzFailed = report.fuzz.filter((f) => f.outcome === 'failed').length;
  const coverage = Object.values(report.coverage);
  const proofs = Object.values(report.proof);
  const proven = (kind: string) => proofs.filter((p) => p === kind).length;
  lines.push(
    `${report.ok ? 'PASSED' : 'FAILED'}: ${passed} probes passed, ${failed} failed; ` +
      `${streamsPassed} of ${report.streams.length} streams passed; ` +
      `${coverage.filter((c) => c !== 'not_reachable').length} of ${coverage.length} codes probed, ` +
      `${report.unreachable.length} not reachable; ` +
      `fuzz ${report.fuzz.length - fuzzFailed}/${report.fuzz.length} operations passed; ` +
      `codes: ${proven('real')} proven for real, ${proven('simulated')} only by simulation, ` +
      `${proven('none')} not probed.`,
  );
  return lines.join('\n');
}
