/**
 * @errata/contract — prove that a server keeps the Errata contract.
 *
 * @example
 * import { formatReport, runConformance } from '@errata/contract';
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * console.log(formatReport(report));
 */

export type { CapturedResponse, CheckerOptions, Expectation, ResponseChecker } from './check-response.js';
// Checking single responses.
export { createResponseChecker, operationDeclares } from './check-response.js';
export type { CapturedStream, StreamChecker, StreamEnding } from './check-stream.js';
export { createStreamChecker } from './check-stream.js';
export type { ParsedEvent } from './internal/event-stream.js';
export { parseEventStream } from './internal/event-stream.js';
export { ConformanceRequestError } from './internal/http.js';
export { simulateOnlyCodes } from './internal/triggers/simulate-only.js';
/** @deprecated The one renderer: `formatReport`. */
export { formatReport, formatReport as formatSpecReport, toGitHubAnnotations, toJUnitXml } from './render.js';
// The one report, whichever spec was run, and its renderers (text, JUnit XML, GitHub annotations).
export type {
  ConformanceReport,
  /** @deprecated The one report type: `ConformanceReport`. */
  ConformanceReport as SpecConformanceReport,
  ProbeResult,
  /** @deprecated `ProbeResult`. */
  ProbeResult as SpecProbeResult,
  SectionSummary,
  /** @deprecated `SectionSummary`. */
  SectionSummary as SpecSectionSummary,
} from './report.js';
export type { ConformanceOptions } from './run-conformance.js';
// Running the suite and reading its report.
export { runConformance } from './run-conformance.js';
export type { ContractConfig, NotProbed, RecordedTrigger } from './spec-suite/config.js';
export { ContractConfigError, checkConfigShape, loadContractConfig } from './spec-suite/config.js';
export { checkConfigAgainstSpec } from './spec-suite/config-check.js';
export type { Proof, SpecCoverageRow, SpecPolicy } from './spec-suite/coverage.js';
export type { SpecHint } from './spec-suite/hints.js';
export type { PlannedProbe, SpecProbeVia, SpecSection } from './spec-suite/probes.js';
export { operationsInScope, planProbes } from './spec-suite/probes.js';
export type { SpecConformanceOptions } from './spec-suite/run-spec.js';
// Conformance for any spec that adopts the contract (`errata-contract --spec`).
export { runSpecConformance } from './spec-suite/run-spec.js';
