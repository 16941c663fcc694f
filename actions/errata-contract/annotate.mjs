#!/usr/bin/env node
// GitHub annotations from errata-contract's JSON report (`--json <file>`): an error per failed
// probe, a warning per probe that did not run (with its reason), and a one-line summary notice.
// Shipped with the composite action, so it needs nothing installed: `node annotate.mjs <report.json>`.
// Exit 0 after annotating (the action exits with errata-contract's own code); 2 if the report is unreadable.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Workflow-command escaping: a message keeps `%`, CR and LF; a property also `:` and `,`. */
const message = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text) => message(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `generate_text MODEL_NOT_FOUND`, or `unrouted ENDPOINT_NOT_FOUND`. */
const probe = (result) => [result.operationId, result.code].filter(Boolean).join(' ');

/**
 * The annotation lines for one report.
 *
 * @example
 * const failed = { operationId: 'get_model', outcome: 'failed', expected: '404 MODEL_NOT_FOUND', got: '500' };
 * annotations({ ok: false, results: [failed] });
 * // ['::error title=errata-contract%3A get_model::expected 404 MODEL_NOT_FOUND, got 500', '::notice …']
 */
export function annotations(report) {
  const results = Array.isArray(report?.results) ? report.results : [];
  const lines = [];
  const count = { passed: 0, failed: 0, other: 0 };
  for (const result of results) {
    const title = `title=${property(`errata-contract: ${probe(result)}`)}`;
    if (result.outcome === 'passed') count.passed++;
    else if (result.outcome === 'failed') {
      count.failed++;
      const head = `expected ${result.expected}, got ${result.got ?? 'no response'}`;
      const where = result.request ? ` (${result.request}, ${result.via})` : '';
      lines.push(`::error ${title}::${message([head + where, ...(result.diff ?? [])].join('\n'))}`);
    } else {
      count.other++;
      lines.push(`::warning ${title}::${message(`not probed: ${result.reason ?? 'no reason given'}`)}`);
    }
  }
  const verdict = report?.ok ? 'conforms' : 'does not conform';
  const summary = `${count.passed} passed, ${count.failed} failed, ${count.other} not probed: the server ${verdict}`;
  lines.push(`::notice title=errata-contract::${message(summary)}`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`::error title=errata-contract::${message(`cannot read the report ${file}: ${error.message}`)}`);
    process.exit(2);
  }
  for (const line of annotations(report)) console.log(line);
}
