/**
 * Conformance for any spec that adopts the contract: the probes `planProbes` derives from the
 * spec and the config, sent to the server one by one and checked with the same response checker
 * as Errata's own suite (status declared, body against its code's schema, headers, envelope).
 */

import { createRedactor } from '@errata/redact';
import {
  createSpecAjv,
  createSpecModel,
  type OpenApiDocument,
  type SpecModel,
  SpecModelError,
} from '@errata/spec-model';
import { createResponseChecker } from '../check-response.js';
import { createStreamChecker } from '../check-stream.js';
import { fuzzOperation, fuzzResult } from '../internal/fuzz.js';
import type { HttpContext } from '../internal/http.js';
import { type ConformanceReport, type ProbeResult, reportOf } from '../report.js';
import type { ContractConfig } from './config.js';
import { checkConfigAgainstSpec } from './config-check.js';
import { operationsInScope, planProbes } from './probes.js';
import { sendProbe } from './send-probe.js';
import { specFuzzRequests } from './spec-fuzz.js';

export interface SpecConformanceOptions {
  /** A bundled OpenAPI 3.1 document (`redocly bundle`): no external `$ref`s. */
  spec: OpenApiDocument;
  baseUrl: string;
  config?: ContractConfig;
  /** The config's file name, for messages about it (default `the config`). */
  configFile?: string;
  /** Only probes of these operationIds or codes. */
  only?: string[];
  /** Not probes of these operationIds or codes. */
  skip?: string[];
  /** Percent of codes that may be proven only by simulation (overrides the config's `maxSimulated`). */
  maxSimulated?: number;
  /** Stop sending after this many ms; the rest is reported not probed, with the reason. */
  budgetMs?: number;
  timeoutMs?: number;
  /** The clock the budget reads (default Date.now). */
  now?: () => number;
  fetch?: typeof fetch;
}

function modelOf(spec: OpenApiDocument): SpecModel {
  try {
    const model = createSpecModel(spec);
    for (const operation of model.operations) model.declaredCodes(operation);
    return model;
  } catch (error) {
    if (error instanceof SpecModelError && error.kind === 'external')
      throw new SpecModelError(
        'external',
        error.pointer,
        `${error.message} — bundle the spec first (redocly bundle openapi.yaml -o openapi.json)`,
      );
    throw error;
  }
}

/**
 * Runs every probe; resolves with the report (never throws for a non-conforming server). Throws
 * `ContractConfigError` when the config names an operation, code or parameter the spec lacks.
 *
 * @example
 * const report = await runSpecConformance({
 *   spec,
 *   baseUrl: 'http://127.0.0.1:8787',
 *   config: { auth: { key: 'sk' }, simulate: true },
 * });
 * process.exit(report.ok ? 0 : 1);
 */
export async function runSpecConformance(options: SpecConformanceOptions): Promise<ConformanceReport> {
  const config = options.config ?? {};
  const model = modelOf(options.spec);
  checkConfigAgainstSpec(config, model, options.configFile ?? 'the config');
  const ajv = createSpecAjv(options.spec);
  const names = config.requestIdHeader ? { requestIdHeader: config.requestIdHeader } : {};
  const checker = createResponseChecker(options.spec, ajv, names);
  const streams = createStreamChecker(options.spec, ajv, checker, names);
  const keys = [config.auth?.key, ...Object.values(config.auth?.keys ?? {})].filter(
    (k): k is string => typeof k === 'string',
  );
  const redact = createRedactor(keys);
  const http = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch ?? fetch,
    redact,
  };
  const now = options.now ?? Date.now;
  const started = now();
  const matches = (list: string[] | undefined, probe: { operationId: string; code?: string }) =>
    list?.some((v) => v === probe.operationId || v === probe.code);

  const overBudget = () =>
    options.budgetMs !== undefined && now() - started >= options.budgetMs
      ? `the time budget of ${options.budgetMs / 1000} s was used up`
      : undefined;
  const planned = planProbes(model, config).filter(
    (p) => (!options.only || matches(options.only, p)) && !matches(options.skip, p),
  );
  const sender = { model, http, checker, streams };
  const results: ProbeResult[] = [];
  for (const probe of planned) results.push(await sendProbe(sender, probe, overBudget()));
  if (!options.only && !options.skip) results.push(...(await fuzzAll(model, config, http, checker, overBudget)));
  return reportOf(options.baseUrl, results, {
    config,
    ...(options.maxSimulated !== undefined ? { maxSimulated: options.maxSimulated } : {}),
    ...(planned.length === 0 ? { sectionReasons: noneMatch } : {}),
  });
}

const noneMatch = Object.fromEntries(
  (['success', 'errors', 'streams', 'unrouted', 'fuzz'] as const).map((s) => [s, 'no probe matches --only/--skip']),
);

/** One fuzz result per operation in scope that has a valid request to start from. */
async function fuzzAll(
  model: SpecModel,
  config: ContractConfig,
  http: HttpContext,
  checker: ReturnType<typeof createResponseChecker>,
  overBudget: () => string | undefined,
): Promise<ProbeResult[]> {
  const runs = config.fuzzRuns ?? 20;
  if (runs === 0) return [];
  const successes = new Map(
    planProbes(model, config)
      .filter((p) => p.section === 'success')
      .map((p) => [p.operationId, p]),
  );
  const results: ProbeResult[] = [];
  for (const [index, operation] of operationsInScope(model, config).entries()) {
    const base = successes.get(operation.operationId);
    const seed = (config.seed ?? 42) + index;
    const cause = `${runs} mutated requests, seed ${seed}`;
    const reason = !base?.request ? (base?.skip ?? 'no valid request') : overBudget();
    if (!base?.request || reason) {
      const notRun = fuzzResult(operation.operationId, { runs: 0 }, cause);
      results.push({ ...notRun, proof: 'none', outcome: 'skipped', reason: reason ?? 'no valid request' });
      continue;
    }
    const body = typeof base.request.body === 'string' ? JSON.parse(base.request.body) : undefined;
    const requests = specFuzzRequests(base.request, body, config.auth?.header ?? 'Authorization');
    const outcome = await fuzzOperation(http, checker, operation, requests, { seed, runs });
    results.push(fuzzResult(operation.operationId, outcome, cause, http.redact));
  }
  return results;
}
