// What a spec-driven run proved, per operation and code: for real (a recorded or built-in trigger,
// an auth key, the valid request), only by simulation, or not at all — and the exit policy over it.
// A run is green only when nothing failed, every code in scope was probed or excused by the config
// with a reason, and no more of it rests on Errata-Simulate than the config allows.

import type { ProbeResult } from '../report.js';
import type { ContractConfig } from './config.js';

/** How a code was proven: `real` (caused for real), `simulated` (only through Errata-Simulate), `none`. */
export type Proof = 'real' | 'simulated' | 'none';

/** One declared code of one operation (no `code`: the operation's success response, or plain stream). */
export interface SpecCoverageRow {
  operationId: string;
  code?: string;
  /** A streamed response: the code of its error event (or, without a code, a plain stream to `done`). */
  stream?: true;
  proof: Proof;
  outcome: 'passed' | 'failed' | 'not-run';
  /** How it was proven (the causes), or why it was not probed. */
  detail: string;
  /** The config's reason for accepting it as not probed. */
  accepted?: string;
}

export interface SpecPolicy {
  /** The most that may rest on simulation, in percent of the codes in scope (`maxSimulated`). */
  maxSimulatedPercent: number;
  /** How much does, in percent. */
  simulatedPercent: number;
  /** Why the run fails besides failed probes; empty when the policy holds. */
  violations: string[];
}

/** `createChatCompletion MODEL_NOT_FOUND`, `runModel OVERLOADED (streamed)`, `getModel 2xx`, `runModel stream`. */
export const rowName = (r: Pick<SpecCoverageRow, 'operationId' | 'code' | 'stream'>): string =>
  `${r.operationId} ${r.code ?? (r.stream ? 'stream' : '2xx')}${r.stream && r.code ? ' (streamed)' : ''}`;

export const proofOf = (via: string): Exclude<Proof, 'none'> => (via === 'simulate' ? 'simulated' : 'real');

/**
 * One row per operation and declared code the results touch, in result order.
 *
 * @example
 * coverageOf(report.results, config).filter((row) => row.proof === 'simulated').map((row) => row.code);
 */
export function coverageOf(results: ProbeResult[], config: ContractConfig): SpecCoverageRow[] {
  const rows = new Map<string, ProbeResult[]>();
  for (const r of results) {
    if (r.section === 'fuzz') continue; // fuzzing proves no code: its failures fail the run, its rows are not codes
    const key = `${r.section === 'streams' ? 'stream' : ''} ${r.operationId} ${r.code ?? ''}`;
    rows.set(key, [...(rows.get(key) ?? []), r]);
  }
  return [...rows.values()].map((group) => {
    const { operationId, code, section } = group[0]!;
    const ran = group.filter((r) => r.outcome !== 'skipped');
    const failed = ran.filter((r) => r.outcome === 'failed');
    const proof: Proof = !ran.length ? 'none' : ran.some((r) => r.proof === 'real') ? 'real' : 'simulated';
    const detail = ran.length
      ? [...new Set(ran.map((r) => `${r.via}${r.cause ? `: ${r.cause}` : ''}`))].join('; ')
      : [...new Set(group.map((r) => r.reason ?? 'not sent'))].join('; ');
    const accepted = config.notProbed?.find(
      (n) => (n.operation === undefined || n.operation === operationId) && (n.code === undefined || n.code === code),
    )?.reason;
    return {
      operationId,
      ...(code ? { code } : {}),
      ...(section === 'streams' ? { stream: true as const } : {}),
      proof,
      outcome: failed.length ? 'failed' : ran.length ? 'passed' : 'not-run',
      detail,
      ...(proof === 'none' && accepted ? { accepted } : {}),
    };
  });
}

/**
 * The exit policy: a code not probed fails unless the config accepts it; simulation may carry at
 * most `maxSimulated` percent of the codes in scope.
 *
 * @example
 * policyOf(rows, { maxSimulated: 0 }).violations; // ['12 of 30 codes (40%) are proven only by simulation; …']
 */
export function policyOf(rows: SpecCoverageRow[], config: ContractConfig, maxSimulated?: number): SpecPolicy {
  const max = maxSimulated ?? config.maxSimulated ?? 100;
  const codes = rows.filter((r) => r.code !== undefined);
  const simulated = codes.filter((r) => r.proof === 'simulated');
  const percent = codes.length ? Math.round((simulated.length / codes.length) * 1000) / 10 : 0;
  const violations: string[] = [];
  const unexcused = rows.filter((r) => r.proof === 'none' && !r.accepted);
  if (unexcused.length)
    violations.push(
      `${unexcused.length} not probed, and the config does not say why: ` +
        `${unexcused.map(rowName).join(', ')} ` +
        `(cause them, or list each under notProbed with the reason)`,
    );
  if (percent > max)
    violations.push(
      `${simulated.length} of ${codes.length} codes (${percent}%) are proven only by simulation; ` +
        `maxSimulated allows ${max}% (record real triggers, or raise maxSimulated / --max-simulated)`,
    );
  return { maxSimulatedPercent: max, simulatedPercent: percent, violations };
}
