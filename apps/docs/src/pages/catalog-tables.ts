/**
 * The catalog page's tables: every code, codes by HTTP status, codes by endpoint, and the provider
 * crosswalk. Codes are links to their sections (`href="#CODE"`); each block of them is marked
 * `data-group`, so the filter can hide links, table rows and blocks that nothing matches.
 */

import { STATUS_CODES } from 'node:http';
import type { CodeEntry, DocsModel } from '../docs-model.js';
import { esc } from '../html.js';
import type { OperationErrors, StatusCodes } from '../operation-errors.js';
import { retryWording } from '../retry-policy.js';

/**
 * An HTTP status with its reason phrase.
 *
 * @example
 * statusLabel(429); // '429 Too Many Requests'
 */
export function statusLabel(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/**
 * A link to a code's section. The filter reads the code from the href, and hides the table row
 * or group a link is in when nothing in it is left.
 *
 * @example
 * codeLink('OVERLOADED', '../errors/'); // '<a href="../errors/#OVERLOADED">OVERLOADED</a>'
 * @param page the catalog page relative to the link's page (empty on the catalog itself)
 */
export const codeLink = (code: string, page = ''): string => `<a href="${esc(page)}#${esc(code)}">${esc(code)}</a>`;

/**
 * Links to codes' sections, as a wrapped line.
 */
function codeList(codes: readonly string[], page = ''): string {
  return `<p class="codes">${codes.map((code) => codeLink(code, page)).join(' ')}</p>`;
}

/**
 * The table of every code. "Mid-stream" marks the codes that can also end a stream after its
 * first byte, and whether a retry is then safe.
 */
export function allCodesTable(entries: CodeEntry[]): string {
  const rows = entries.map((e) => {
    const cells = [
      codeLink(e.code),
      e.status,
      e.internalCode,
      esc(e.category),
      esc(retryWording[e.retry].label),
      midStreamCell(e.midStream),
      esc(e.title),
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const head = ['Code', 'HTTP', 'Internal', 'Category', 'Retry', '<a href="#streaming">Mid-stream</a>', 'Title']
    .map((name) => `<th>${name}</th>`)
    .join('');
  const caption = '<caption class="muted">Every error code, in internal-code order</caption>';
  return `<div class="scroll"><table id="codes-table">${caption}
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/**
 * The "Mid-stream" cell: empty for codes that only occur before a stream's first byte.
 *
 * @example
 * midStreamCell({ retrySafe: false }); // 'yes, no retry'
 */
export function midStreamCell(midStream: { readonly retrySafe: boolean } | null): string {
  if (!midStream) return '';
  return midStream.retrySafe ? 'yes, retry safe' : 'yes, no retry';
}

/**
 * The codes grouped by HTTP status.
 */
export function byStatus(groups: StatusCodes[]): string {
  return groups
    .map(
      ({ status, codes }) =>
        `<div data-group><h3 id="status-${status}">${esc(statusLabel(status))}</h3>${codeList(codes)}</div>`,
    )
    .join('\n');
}

/**
 * For each operation (and for paths that match none), the codes it can return, by status.
 */
export function byEndpoint(operations: OperationErrors[], unrouted: StatusCodes[]): string {
  const table = (errors: StatusCodes[]) =>
    `<table><thead><tr><th>Status</th><th>Codes</th></tr></thead><tbody>${errors
      .map(({ status, codes }) => `<tr><td>${esc(statusLabel(status))}</td><td>${codeList(codes, '../')}</td></tr>`)
      .join('')}</tbody></table>`;
  const sections = operations.map((op) => {
    const id = esc(op.operationId);
    const reference = `<a href="../../reference/#operation/${id}">${id}</a>`;
    const heading = `<h3><code>${esc(op.method)} ${esc(op.path)}</code> ${reference}</h3>`;
    return `<div data-group id="op-${id}">${heading}<p class="muted">${esc(op.summary)}</p>${table(op.errors)}</div>`;
  });
  if (unrouted.length > 0) {
    sections.push(
      '<div data-group id="op-unrouted"><h3>Any other method and path</h3>' +
        `<p class="muted">Answered for every request that matches no operation.</p>${table(unrouted)}</div>`,
    );
  }
  return sections.join('\n');
}

/**
 * The provider crosswalk on the catalog page: a link to each seed provider's page, with how many
 * of its errors the crosswalk records. The tables themselves are on those pages.
 */
export function providerLinks(model: DocsModel): string {
  const items = Object.entries(model.providers).map(([id, provider]) => {
    const count = model.crosswalk.filter((row) => row.provider === id).length;
    const link = `<a href="../providers/${esc(id)}/">${esc(provider.title)}</a>`;
    return `<li>${link} <span class="muted">(${count})</span></li>`;
  });
  return `<ul id="provider-pages">${items.join('')}</ul>`;
}
