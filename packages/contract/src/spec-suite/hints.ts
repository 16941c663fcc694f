// Systematic failures, said once: a server that ignores Errata-Simulate fails every simulated probe
// the same way, and one without X-Request-Id fails every response the same way. The report states
// each as one hint naming the probes it covers, instead of N identical lines.
import type { ProbeResult } from '../report.js';

export interface SpecHint {
  /** What is wrong everywhere, and what to do. */
  message: string;
  /** The probes it covers (`operationId CODE`), in result order. */
  probes: string[];
  /** The diff line it stands for, left out of each covered probe's diff in the text report. */
  line?: string;
  /** The covered probes fail for this reason alone: the text report lists them only by name. */
  whole?: boolean;
}

const nameOf = (r: ProbeResult) => `${r.operationId}${r.code ? ` ${r.code}` : ''}`;

interface Rule {
  covers: (r: ProbeResult, requestIdHeader: string) => boolean;
  /** Fewer covered probes than this is not a pattern. */
  min: number;
  line?: (requestIdHeader: string) => string;
  whole?: boolean;
  message: (n: number, requestIdHeader: string) => string;
}

const requestIdMissing = (header: string) => `header ${header}: missing`;
const NESTED =
  "body is the provider's own nested `error` object: `code`, `request_id`, `status` missing at the top level";

const rules: Rule[] = [
  {
    covers: (r) => r.via === 'simulate' && r.outcome === 'failed' && /^2\d\d\b/.test(r.got ?? ''),
    min: 2,
    whole: true,
    message: (n) =>
      `${n} probes sent Errata-Simulate and got a 2xx: the server ignores Errata-Simulate. Turn it on in ` +
      `the server's test mode (with @errata/server, the simulate stage), or set simulate: false and record triggers.`,
  },
  {
    covers: (r, header) => r.diff.includes(requestIdMissing(header)),
    min: 3,
    line: requestIdMissing,
    message: (n, header) =>
      `${n} responses have no ${header} header: set it once for every response ` +
      `(with @errata/server, the requestId stage) and echo it as the body's request_id.`,
  },
  {
    covers: (r) => r.diff.includes(NESTED),
    min: 3,
    line: () => NESTED,
    message: (n) =>
      `${n} error responses are the provider's own nested \`error\` object, not the envelope ` +
      `(\`code\`, \`request_id\`, \`status\`… at the top level): answer errors in one place ` +
      `(with @errata/server, its errorHandler) so every one is the envelope.`,
  },
];

/**
 * The systematic failures of a run, each once.
 *
 * @example
 * hintsOf(report.results).map((h) => h.message); // ['23 probes sent Errata-Simulate and got a 2xx: …']
 */
export function hintsOf(results: ProbeResult[], requestIdHeader = 'X-Request-Id'): SpecHint[] {
  const hints: SpecHint[] = [];
  for (const rule of rules) {
    const covered = results.filter((r) => rule.covers(r, requestIdHeader));
    if (covered.length < rule.min) continue;
    hints.push({
      message: rule.message(covered.length, requestIdHeader),
      probes: covered.map(nameOf),
      ...(rule.line ? { line: rule.line(requestIdHeader) } : {}),
      ...(rule.whole ? { whole: true } : {}),
    });
  }
  return hints;
}
