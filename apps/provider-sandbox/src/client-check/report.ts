/**
 * The client conformance report: the rows of a run as JSON (what the docs build renders) and as a
 * text table (what the CLI prints), with a summary line per client.
 */
import type { ClientRow } from './judge.js';
import type { CheckReport } from './run-check.js';

/** One row as the JSON report keeps it: the fault by name, what was seen, the verdict. */
export interface ReportRow {
  client: string;
  provider: string;
  fault: string;
  expected: string;
  verdict: 'right' | 'wrong' | 'not run';
  result: string;
  attempts?: number;
  firstWaitMs?: number;
  sameIdempotencyKey?: boolean | 'not sent';
  partialKept?: boolean;
  problems: string[];
}

const EXPECTED: Record<ClientRow['fault']['expect']['kind'], string> = {
  'fail-without-retry': 'a typed error, no retry',
  'retry-then-succeed': 'a retry after the stated wait, then success',
  'give-up-on-long-wait': 'a typed error at once: nobody waits a day',
  'fail-mid-stream': 'a typed error, with the text before it kept',
  'fail-broken-stream': 'a typed error, never a silent success',
};

/** The rows of a run, flattened for JSON. */
export function reportRows(report: CheckReport): ReportRow[] {
  return report.rows.map((row) => ({
    client: row.subject,
    provider: row.fault.provider,
    fault: row.fault.name,
    expected: EXPECTED[row.fault.expect.kind],
    verdict: row.skipped ? 'not run' : row.verdict!,
    result: row.skipped ?? row.result!,
    ...(row.attempts === undefined ? {} : { attempts: row.attempts }),
    ...(row.firstWaitMs === undefined ? {} : { firstWaitMs: row.firstWaitMs }),
    ...(row.sameIdempotencyKey === undefined ? {} : { sameIdempotencyKey: row.sameIdempotencyKey }),
    ...(row.partialKept === undefined ? {} : { partialKept: row.partialKept }),
    problems: row.problems ?? [],
  }));
}

/** `openai-node: 5 of 8 right, 3 wrong, 0 not run`, one line per client. */
export function summaryLines(rows: readonly ReportRow[]): string[] {
  const clients = [...new Set(rows.map((r) => r.client))];
  return clients.map((client) => {
    const mine = rows.filter((r) => r.client === client);
    const count = (verdict: ReportRow['verdict']) => mine.filter((r) => r.verdict === verdict).length;
    const run = mine.length - count('not run');
    return `${client}: ${count('right')} of ${run} right, ${count('wrong')} wrong, ${count('not run')} not run`;
  });
}

/** The rows as a plain-text table, then the summary. */
export function textReport(rows: readonly ReportRow[]): string {
  const lines = rows.map((r) => {
    const seen = [
      r.result,
      r.attempts === undefined ? '' : `${r.attempts} attempt(s)`,
      r.firstWaitMs === undefined ? '' : `waited ${r.firstWaitMs} ms`,
    ]
      .filter(Boolean)
      .join(', ');
    const why = r.problems.length > 0 ? ` — ${r.problems.join('; ')}` : '';
    return `${r.verdict.padEnd(7)} ${r.client} · ${r.provider} · ${r.fault}: ${seen}${why}`;
  });
  return [...lines, '', ...summaryLines(rows)].join('\n');
}
