/**
 * Runs the conformance suite over Errata's own spec: Errata's trigger pack first (real causes for
 * the sandbox's codes; they create a few queued jobs), then every declared code through
 * `Errata-Simulate`, then streamed responses, then the fuzzer. The report is the one `--spec`
 * gives (`ConformanceReport`), under the same policy: a declared code not probed fails the run
 * unless `notProbed` says why, and `maxSimulated` caps how much may rest on simulation. Rate limits on the
 * server can make probes fail: run it with a key whose limits are high, or against a server
 * configured for it (the sandbox: `ERRATA_RATE_LIMIT`).
 */

import type { Redactor } from '@errata/redact';
import { catalog, type ErrorCode, isErrorCode } from '@errata/types';
import { PLACEHOLDER_REQUEST_ID } from './internal/base-request.js';
import { KEYS_EVERYWHERE, packAuth } from './internal/errata-pack.js';
import { fuzzErrataOperation } from './internal/fuzz-errata.js';
import { runTriggers } from './internal/run-triggers.js';
import { runStreamTriggers } from './internal/stream-probes.js';
import { createSuiteContext, type SuiteContext } from './internal/suite-context.js';
import { DEFAULT_PROMPT_VIOLATION_MARKER } from './internal/triggers/index.js';
import { type ConformanceReport, type ProbeResult, reportOf, type SectionReasons } from './report.js';
import type { ContractConfig, NotProbed } from './spec-suite/config.js';
import { type PlannedProbe, planProbes } from './spec-suite/probes.js';
import { sendProbe } from './spec-suite/send-probe.js';

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
  /** The response header that carries the request id, echoed as `request_id` (default `X-Request-Id`). */
  requestIdHeader?: string;
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
  /** Codes (or operations) accepted as not probed, each with the reason; any other one not probed fails the run. */
  notProbed?: NotProbed[];
  /** Percent of the codes that may be proven only by `Errata-Simulate` (default 100). */
  maxSimulated?: number;
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
    ...(options.requestIdHeader ? { requestIdHeader: options.requestIdHeader } : {}),
  });
  const only = options.codes ? new Set(options.codes) : undefined;
  const operations = context.operations.filter(
    (op) => !options.operations || options.operations.includes(op.operationId),
  );
  const wanted = new Set(operations.map((op) => op.operationId));

  const results: ProbeResult[] = [];
  if (options.triggers !== false) results.push(...(await runTriggers(context, only, wanted)));
  // What the generic suite plans from the spec alone: every declared code by Errata-Simulate, and
  // the streams (plain, and each mid-stream code simulated). Errata's pack replaces its built-ins.
  const sender = { model: context.model, http: context, checker: context.checker, streams: context.streams };
  for (const probe of plannedProbes(context, wanted, only, options)) results.push(await sendProbe(sender, probe));
  results.push(...notSent(context, results, wanted, only, options));
  if (options.streams !== false && options.triggers !== false)
    results.push(...(await runStreamTriggers(context, context.streams, operations, only)));
  if (options.fuzz !== false)
    for (const [index, operation] of operations.entries())
      results.push(await fuzzErrataOperation(context, operation, seed + index, options.numRuns ?? 50));

  const sectionReasons: SectionReasons = {
    success: 'Errata’s own run sends no plain success probes: every operation is fuzzed instead',
    ...(options.streams === false ? { streams: 'stream probes are off (--no-streams)' } : {}),
    ...(options.fuzz === false ? { fuzz: 'fuzzing is off (--no-fuzz)' } : {}),
  };
  const config = {
    ...(options.notProbed ? { notProbed: options.notProbed } : {}),
    ...(options.requestIdHeader ? { requestIdHeader: options.requestIdHeader } : {}),
  };
  return reportOf(
    context.redact(options.baseUrl),
    results.map((r) => redactRow(r, context.redact)),
    { config, ...(options.maxSimulated !== undefined ? { maxSimulated: options.maxSimulated } : {}), sectionReasons },
  );
}

/** The generic planner's simulated and streamed probes of the selected operations, on the models listModels shows. */
function plannedProbes(
  context: SuiteContext,
  operations: Set<string>,
  only: Set<ErrorCode> | undefined,
  options: ConformanceOptions,
): PlannedProbe[] {
  const text = context.plainModel('text-generation');
  const config: ContractConfig = {
    auth: options.triggers === false ? { key: options.apiKey } : packAuth(options.apiKey, options.keys ?? {}),
    simulate: options.simulate !== false,
    builtinTriggers: options.triggers !== false,
    ...(options.requestLimitBytes !== undefined ? { requestLimitBytes: options.requestLimitBytes } : {}),
    pathParams: { model: text?.id ?? context.models[0]?.id ?? 'echo-1', request_id: PLACEHOLDER_REQUEST_ID },
    operations: [...operations],
  };
  const wanted = (p: PlannedProbe) => !p.code || !only || only.has(p.code as ErrorCode);
  const keyless = (p: PlannedProbe) =>
    options.triggers !== false && KEYS_EVERYWHERE.includes(p.code as ErrorCode) && !options.keys?.[p.code as ErrorCode];
  return planProbes(context.model, config).flatMap((probe): PlannedProbe[] => {
    // An account code with no key named for it: a row not sent, saying which key would cause it.
    const needsKey = `needs a key that produces it (keys.${probe.code} / --key ${probe.code}=<key>)`;
    const unsent =
      probe.section === 'errors' && keyless(probe) ? [{ ...probe, via: 'auth' as const, skip: needsKey }] : [];
    if (!wanted(probe)) return [];
    if (probe.section === 'errors') return [...unsent, ...(probe.via !== 'example' && !probe.skip ? [probe] : [])];
    if (probe.section !== 'streams' || options.streams === false) return [];
    if (text) return [probe];
    // No model to stream: one row, not sent, with the reason.
    const skip = 'listModels shows no public text-generation model without an agreement to stream';
    return probe.ending === 'done' ? [{ ...probe, skip }] : [];
  });
}

/**
 * A row not sent for each declared code of a selected operation (and the unrouted response) that
 * nothing probed: the report must say it was not checked, and why, never leave it out.
 */
function notSent(
  context: SuiteContext,
  results: ProbeResult[],
  operations: Set<string>,
  only: Set<ErrorCode> | undefined,
  options: ConformanceOptions,
): ProbeResult[] {
  const reason =
    options.simulate === false
      ? options.triggers === false
        ? 'triggers and simulation are both off'
        : 'Errata’s trigger pack has no real trigger for it, and simulation is off'
      : 'triggers are off, and Errata-Simulate does not reach a path no operation routes';
  const pairs: [string, ErrorCode][] = [];
  for (const operation of context.operations.filter((op) => operations.has(op.operationId)))
    for (const code of [...context.model.declaredCodes(operation).keys()].filter(isErrorCode))
      pairs.push([operation.operationId, code]);
  for (const code of (context.model.unroutedResponse?.codes ?? []).filter(isErrorCode)) pairs.push(['unrouted', code]);
  return pairs
    .filter(([, code]) => !only || only.has(code))
    .filter(([operationId, code]) => !results.some((r) => r.operationId === operationId && r.code === code))
    .map(([operationId, code]) => ({
      section: operationId === 'unrouted' ? 'unrouted' : 'errors',
      operationId,
      code,
      via: operationId === 'unrouted' ? 'unrouted' : 'simulate',
      proof: 'none',
      outcome: 'skipped',
      expected: `${catalog[code].status} ${code}`,
      diff: [],
      reason,
    }));
}

// Responses are redacted as they are captured; this last pass covers every other string (fetch
// errors, reasons) so that no key reaches the report, whatever produced the line.
function redactRow(row: ProbeResult, redact: Redactor): ProbeResult {
  return {
    ...row,
    ...(row.request !== undefined ? { request: redact(row.request) } : {}),
    ...(row.reason !== undefined ? { reason: redact(row.reason) } : {}),
    diff: row.diff.map(redact),
  };
}
