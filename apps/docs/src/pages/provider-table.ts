/**
 * A provider's errors as a table, the way the provider documents them: its code, name, status and
 * message, then the Errata code it is, then how Errata recognises it. The match rule comes last
 * and small: it is how the normalizer works, not what the provider calls the error.
 */
import type { DocsModel } from '../docs-model.js';
import { esc } from '../html.js';
import type { DocumentedEntry } from '../provider-errors.js';
import { providerRows, rowAnchor, theirId } from '../provider-errors.js';
import { provenance } from './provider-notes.js';

/**
 * How Errata recognises a row, in words; what Errata assumed is marked "inferred".
 *
 * @example
 * matchRule({ status: 404, message_pattern: 'model', inferred: ['message_pattern'] });
 * // 'status 404, message matches <code>/model/i</code> (inferred)'
 * @returns HTML
 */
function matchRule(row: DocumentedEntry): string {
  const inferred = (key: 'message_pattern' | 'mapping') => (row.inferred?.includes(key) ? ' (inferred)' : '');
  const parts = [];
  if (row.code !== undefined) parts.push(`code <code>${esc(row.code)}</code>`);
  if (row.internal_code !== undefined) parts.push(`internal code ${row.internal_code}`);
  if (row.status !== undefined) parts.push(`status ${row.status}`);
  if (row.message_pattern)
    parts.push(`message matches <code>/${esc(row.message_pattern)}/i</code>${inferred('message_pattern')}`);
  return parts.join(', ') + (inferred('mapping') ? '; the mapping is Errata’s choice (inferred)' : '');
}

/**
 * The table of one provider's errors; `errorsHref` is the catalog page relative to this one.
 */
export function providerTable(model: DocsModel, provider: string, errorsHref: string): string {
  const rows = providerRows(model.crosswalk, provider).map((row) => {
    const origin = provenance(row, model);
    const note = origin ? `<br>${origin}` : '';
    const said = [
      row.message ? `“${esc(row.message)}”` : '',
      row.description ? `<span class="muted">${esc(row.description)}</span>` : '',
    ]
      .filter(Boolean)
      .join('<br>');
    const cells = [
      theirId(row) ? `<code>${esc(theirId(row))}</code>` : '',
      esc(row.name ?? ''),
      row.status ?? '',
      said,
      `<a class="code" href="${esc(`${errorsHref}#${row.canonical}`)}">${esc(row.canonical)}</a>`,
    ];
    const rule = `<td class="rule">${matchRule(row)}${note}</td>`;
    const tds = cells.map((cell) => `<td>${cell}</td>`).join('');
    return `<tr id="${esc(rowAnchor(row.canonical, row.index))}">${tds}${rule}</tr>`;
  });
  const head = [
    'Their code',
    'Name',
    'Status',
    'Message, as documented',
    'Errata code',
    'How Errata recognises it; source, assumptions',
  ]
    .map((name) => `<th>${name}</th>`)
    .join('');
  return `<div class="scroll"><table class="xw"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}
