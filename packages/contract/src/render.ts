// The report of either run (Errata's own, or `--spec`) for people (what was proven for real, only
// by simulation, or not at all; each failure with its diff; systematic failures once), for CI test
// viewers (JUnit XML) and for GitHub Actions (workflow-command annotations). All three carry the
// same three-way split.
import type { ConformanceReport, ProbeResult } from './report.js';
import { rowName, type SpecCoverageRow } from './spec-suite/coverage.js';

// A streamed row names its ending (`runModel OVERLOADED (streamed)`, `runModel stream`), as coverage rows do.
const name = (r: ProbeResult) =>
  r.section === 'streams' ? rowName({ ...r, stream: true }) : `${r.operationId}${r.code ? ` ${r.code}` : ''}`;
const count = (rows: SpecCoverageRow[], proof: SpecCoverageRow['proof']) =>
  rows.filter((r) => r.proof === proof && r.outcome !== 'failed').length;

/** One line: `12 proven for real, 20 only by simulation, 1 not probed (1 accepted), 0 failed`. */
function summaryLine(report: ConformanceReport): string {
  const rows = report.coverage;
  const none = rows.filter((r) => r.proof === 'none');
  const accepted = none.filter((r) => r.accepted).length;
  return (
    `${count(rows, 'real')} proven for real, ${count(rows, 'simulated')} only by simulation, ` +
    `${none.length} not probed${accepted ? ` (${accepted} accepted by the config)` : ''}, ` +
    `${rows.filter((r) => r.outcome === 'failed').length} failed`
  );
}

/** What a hint already says: the diff lines it stands for, and the failures left to list one by one. */
function unsaid(report: ConformanceReport): { hidden: Set<string>; failed: ProbeResult[] } {
  const hidden = new Set(report.hints.flatMap((h) => (h.line ? [h.line] : [])));
  const whole = new Set(report.hints.filter((h) => h.whole).flatMap((h) => h.probes));
  const failed = report.results.filter((r) => r.outcome === 'failed' && !(r.via === 'simulate' && whole.has(name(r))));
  return { hidden, failed };
}

/**
 * The report as text.
 *
 * @example
 * console.log(formatReport(report));
 * // section   passed  failed  skipped
 * // success        3       0        0 …
 */
export function formatReport(report: ConformanceReport): string {
  const lines = [`errata-contract against ${report.baseUrl}`, '', 'section    passed  failed  skipped'];
  for (const s of report.sections) {
    lines.push(
      `${s.section.padEnd(10)} ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ` +
        `${String(s.skipped).padStart(7)}${s.reason ? `   not run: ${s.reason}` : ''}`,
    );
  }
  const simulated = report.coverage.filter((r) => r.proof === 'simulated' && r.outcome === 'passed');
  if (simulated.length) {
    lines.push('', `Proven only by simulation (Errata-Simulate; no real trigger ran), ${simulated.length}:`);
    for (const r of simulated) lines.push(`  sim  ${rowName(r)}`);
  }
  const none = report.coverage.filter((r) => r.proof === 'none');
  if (none.length) lines.push('', `Not probed, ${none.length}:`);
  for (const r of none)
    lines.push(
      `  ${r.accepted ? 'ok  ' : 'NOT '} ${rowName(r)}: ${r.detail}${r.accepted ? ` (accepted: ${r.accepted})` : ''}`,
    );
  if (report.hints.length) lines.push('', 'Hints (one systematic failure each):');
  for (const hint of report.hints) {
    lines.push(`  ! ${hint.message}`);
    if (hint.whole) lines.push(`    ${hint.probes.join(', ')}`);
  }
  const { hidden, failed } = unsaid(report);
  if (failed.length) lines.push('', 'Failures:');
  for (const r of failed) {
    lines.push(
      `  FAIL ${name(r)} (${r.via}${r.cause && r.via !== 'trigger' ? `: ${r.cause}` : ''}, ${r.request}): ` +
        `expected ${r.expected}, got ${r.got ?? 'no response'}`,
    );
    for (const line of r.diff) if (!hidden.has(line)) lines.push(`       ${line}`);
  }
  if (report.policy.violations.length) lines.push('', 'Policy:');
  for (const violation of report.policy.violations) lines.push(`  ${violation}`);
  lines.push('', summaryLine(report));
  lines.push(report.ok ? 'The server conforms.' : 'The server does not conform.');
  return lines.join('\n');
}

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g, '');

const proofProperty = (r: ProbeResult) =>
  `<properties><property name="proof" value="${r.proof}"/>` +
  `${r.cause ? `<property name="cause" value="${xml(r.cause)}"/>` : ''}</properties>`;

/**
 * The report as JUnit XML, for CI test-report viewers: a testcase per probe with its `proof`
 * property (`real`, `simulated`), a skipped one for each probe not sent, and a `policy` testsuite.
 *
 * @example
 * writeFileSync('contract.xml', toJUnitXml(report));
 */
export function toJUnitXml(report: ConformanceReport): string {
  const failures = report.results.filter((r) => r.outcome === 'failed').length + report.policy.violations.length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="errata-contract" tests="${report.results.length + 1}" failures="${failures}">`,
  ];
  for (const s of report.sections) {
    const rows = report.results.filter((r) => r.section === s.section);
    out.push(`  <testsuite name="${s.section}" tests="${rows.length}" failures="${s.failed}" skipped="${s.skipped}">`);
    if (!rows.length && s.reason)
      out.push(`    <properties><property name="not-run" value="${xml(s.reason)}"/></properties>`);
    for (const r of rows) {
      const open = `    <testcase classname="errata-contract.${s.section}" name="${xml(name(r))}">${proofProperty(r)}`;
      if (r.outcome === 'passed') out.push(`${open}</testcase>`);
      else if (r.outcome === 'skipped') out.push(`${open}<skipped message="${xml(r.reason ?? '')}"/></testcase>`);
      else {
        const message = `expected ${r.expected}, got ${r.got ?? 'no response'}`;
        out.push(
          `${open}<failure message="${xml(message)}">` +
            `${xml([`${r.request} (${r.via})`, ...r.diff].join('\n'))}</failure></testcase>`,
        );
      }
    }
    out.push('  </testsuite>');
  }
  const violations = report.policy.violations;
  out.push(`  <testsuite name="policy" tests="1" failures="${violations.length ? 1 : 0}">`);
  out.push(
    `    <testcase classname="errata-contract.policy" name="${xml(summaryLine(report))}">` +
      `${violations.length ? `<failure message="${xml(violations.join('; '))}"/>` : ''}</testcase>`,
  );
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

// GitHub's workflow commands: `%`, CR and LF escaped in the message, and `,` `:` too in properties.
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * The report as GitHub Actions annotations (`::error`, `::warning`, `::notice` workflow commands):
 * an error per failure and per code not probed without a reason, a warning per code proven only by
 * simulation, a notice with the summary.
 *
 * @example
 * console.log(toGitHubAnnotations(report)); // ::error title=errata-contract createEmbedding MODEL_NOT_FOUND::…
 */
export function toGitHubAnnotations(report: ConformanceReport, file?: string): string {
  const where = file ? `file=${prop(file)},` : '';
  const line = (level: string, title: string, message: string) =>
    `::${level} ${where}title=${prop(`errata-contract ${title}`)}::${data(message)}`;
  const out: string[] = [];
  const { hidden, failed } = unsaid(report);
  for (const r of failed) {
    const said = [`expected ${r.expected}, got ${r.got ?? 'no response'} (${r.request})`];
    out.push(line('error', name(r), [...said, ...r.diff.filter((d) => !hidden.has(d))].join('\n')));
  }
  for (const r of report.coverage.filter((x) => x.proof === 'none' && !x.accepted))
    out.push(line('error', `${rowName(r)} not probed`, r.detail));
  for (const r of report.coverage.filter((x) => x.proof === 'simulated' && x.outcome === 'passed'))
    out.push(
      line('warning', `${rowName(r)} simulated only`, 'proven only through Errata-Simulate; no real trigger ran'),
    );
  for (const hint of report.hints) out.push(line('warning', 'hint', hint.message));
  for (const violation of report.policy.violations) out.push(line('error', 'policy', violation));
  out.push(line('notice', 'summary', `${summaryLine(report)}. ${report.ok ? 'Conforms.' : 'Does not conform.'}`));
  return out.join('\n');
}
