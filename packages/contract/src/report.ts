/**
 * The one conformance report, whichever spec was run (Errata's own with its trigger pack, or any
 * spec with `--spec`): one row per request sent or not sent, per operation and code whether it was
 * proven for real, only by simulation, or not at all (and why), the exit policy over that, and the
 * systematic failures said once. `render.ts` turns it into text, JUnit XML or GitHub annotations.
 */
import type { ContractConfig } from './spec-suite/config.js';
import { coverageOf, type Proof, policyOf, type SpecCoverageRow, type SpecPolicy } from './spec-suite/coverage.js';
import { hintsOf, type SpecHint } from './spec-suite/hints.js';
import type { SpecProbeVia, SpecSection } from './spec-suite/probes.js';

/** One request a run sent (or could not send), and what came of it. */
export interface ProbeResult {
  section: SpecSection;
  /** The operationId, or `unrouted` for a path the spec does not route. */
  operationId: string;
  /** The code it had to produce; on a stream row, the code its error event had to carry. */
  code?: string;
  via: SpecProbeVia | 'fuzz';
  /** `real` when caused for real, `simulated` through Errata-Simulate, `none` when not sent. */
  proof: Proof;
  /** How the request causes it: `a JSON body cut off mid-object`, `Errata-Simulate: OVERLOADED`. */
  cause?: string;
  /** `POST /v1/embeddings`, when it ran. */
  request?: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** What the probe wanted: `404 MODEL_NOT_FOUND`, `a declared 2xx`, `a stream ending in done`. */
  expected: string;
  /** What came: `200`, `404 MODEL_NOT_FOUND`, `500 (no code)`. */
  got?: string;
  /** One line per differing field. */
  diff: string[];
  /** Why it was skipped. */
  reason?: string;
}

export interface SectionSummary {
  section: SpecSection;
  passed: number;
  failed: number;
  skipped: number;
  /** Why nothing in it ran, when nothing did. */
  reason?: string;
}

export interface ConformanceReport {
  baseUrl: string;
  /** Nothing failed, and the policy holds (every code probed or excused; simulation within its share). */
  ok: boolean;
  results: ProbeResult[];
  sections: SectionSummary[];
  /** Per operation and declared code: proven for real, only by simulation, or not at all (and why). */
  coverage: SpecCoverageRow[];
  policy: SpecPolicy;
  /** Systematic failures, each said once. */
  hints: SpecHint[];
}

const SECTIONS: SpecSection[] = ['success', 'errors', 'streams', 'unrouted', 'fuzz'];

/** Why a section has no row that ran, when its rows give no reason. */
export type SectionReasons = Partial<Record<SpecSection, string>>;

const OWN_REASONS: Record<SpecSection, string> = {
  success: 'the spec has no operations',
  errors: 'no operation declares an error code',
  streams: 'no operation declares a text/event-stream response',
  fuzz: 'fuzzing is off (fuzzRuns: 0), or --only/--skip narrowed the run',
  unrouted: 'the spec declares no x-errata.unrouted_response',
};

function summarize(section: SpecSection, results: ProbeResult[], reasons: SectionReasons): SectionSummary {
  const rows = results.filter((r) => r.section === section);
  const count = (outcome: ProbeResult['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const summary: SectionSummary = {
    section,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
  if (summary.passed + summary.failed > 0) return summary;
  const said = [...new Set(rows.map((r) => r.reason).filter(Boolean))];
  return { ...summary, reason: said.length ? said.join('; ') : (reasons[section] ?? OWN_REASONS[section]) };
}

/**
 * The report over a run's rows: sections, coverage, the exit policy (`notProbed`, `maxSimulated`
 * from the config, `maxSimulated` overriding it) and hints. Both suites end here.
 *
 * @example
 * const report = reportOf('http://127.0.0.1:4010', results, { config: { maxSimulated: 50 } });
 * report.ok; // false when a row failed, a code went unprobed without a reason, or too much was simulated
 */
export function reportOf(
  baseUrl: string,
  results: ProbeResult[],
  options: { config?: ContractConfig; maxSimulated?: number; sectionReasons?: SectionReasons } = {},
): ConformanceReport {
  const config = options.config ?? {};
  const coverage = coverageOf(results, config);
  const policy = policyOf(coverage, config, options.maxSimulated);
  return {
    baseUrl,
    ok:
      results.every((r) => r.outcome !== 'failed') &&
      results.some((r) => r.outcome === 'passed') &&
      policy.violations.length === 0,
    results,
    sections: SECTIONS.map((section) => summarize(section, results, options.sectionReasons ?? {})),
    coverage,
    policy,
    hints: hintsOf(results, config.requestIdHeader),
  };
}
