// The spec-driven run's report for people (a summary table, then each failure with its diff and
// each skip with its reason) and for CI (JUnit XML: one testsuite per section, one testcase per probe).
import type { SpecConformanceReport, SpecProbeResult } from './run-spec.js';

const name = (r: SpecProbeResult) => `${r.operationId}${r.code ? ` ${r.code}` : ''}`;

/**
 * The report as text.
 *
 * @example
 * console.log(formatSpecReport(report));
 * // section   passed  failed  skipped
 * // success        3       0        0 …
 */
export function formatSpecReport(report: SpecConformanceReport): string {
  const lines = [`errata-contract --spec against ${report.baseUrl}`, '', 'section    passed  failed  skipped'];
  for (const s of report.sections) {
    lines.push(
      `${s.section.padEnd(10)} ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ` +
        `${String(s.skipped).padStart(7)}${s.reason ? `   not run: ${s.reason}` : ''}`,
    );
  }
  const failed = report.results.filter((r) => r.outcome === 'failed');
  if (failed.length) lines.push('', 'Failures:');
  for (const r of failed) {
    lines.push(`  FAIL ${name(r)} (${r.via}, ${r.request}): expected ${r.expected}, got ${r.got ?? 'no response'}`);
    for (const line of r.diff) lines.push(`       ${line}`);
  }
  const skipped = report.results.filter((r) => r.outcome === 'skipped');
  if (skipped.length) lines.push('', 'Skipped:');
  for (const r of skipped) lines.push(`  skip ${name(r)}: ${r.reason}`);
  lines.push('', report.ok ? 'The server conforms.' : 'The server does not conform.');
  return lines.join('\n');
}

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g, '');

/**
 * The report as JUnit XML, for CI test-report viewers.
 *
 * @example
 * writeFileSync('contract.xml', toJUnitXml(report));
 */
export function toJUnitXml(report: SpecConformanceReport): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="errata-contract" tests="${report.results.length}" ` +
      `failures="${report.results.filter((r) => r.outcome === 'failed').length}">`,
  ];
  for (const s of report.sections) {
    const rows = report.results.filter((r) => r.section === s.section);
    out.push(`  <testsuite name="${s.section}" tests="${rows.length}" failures="${s.failed}" skipped="${s.skipped}">`);
    if (!rows.length && s.reason)
      out.push(`    <properties><property name="not-run" value="${xml(s.reason)}"/></properties>`);
    for (const r of rows) {
      const open = `    <testcase classname="errata-contract.${s.section}" name="${xml(name(r))}"`;
      if (r.outcome === 'passed') out.push(`${open}/>`);
      else if (r.outcome === 'skipped') out.push(`${open}><skipped message="${xml(r.reason ?? '')}"/></testcase>`);
      else {
        const message = `expected ${r.expected}, got ${r.got ?? 'no response'}`;
        out.push(
          `${open}><failure message="${xml(message)}">` +
            `${xml([`${r.request} (${r.via})`, ...r.diff].join('\n'))}</failure></testcase>`,
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
