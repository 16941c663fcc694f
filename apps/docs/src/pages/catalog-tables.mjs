/**
 * The catalog page's tables: every code, codes by HTTP status, codes by endpoint, and the provider
 * crosswalk. Codes are links to their sections (`href="#CODE"`); each block of them is marked
 * `data-group`, so the filter can hide links, table rows and blocks that nothing matches.
 */
import { STATUS_CODES } from 'node:http';
import { esc, inlineMarkdown } from '../html.mjs';
import { retryWording } from '../retry-policy.mjs';

/**
 * An HTTP status with its reason phrase.
 *
 * @example
 * statusLabel(429); // '429 Too Many Requests'
 * @param {number} status
 * @returns {string}
 */
export function statusLabel(status) {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/**
 * A link to a code's section. The filter reads the code from the href, and hides the table row
 * or group a link is in when nothing in it is left.
 *
 * @param {string} code
 * @returns {string}
 */
export const codeLink = (code) => `<a href="#${esc(code)}">${esc(code)}</a>`;

/**
 * Links to codes' sections, as a wrapped line.
 *
 * @param {readonly string[]} codes
 * @returns {string}
 */
function codeList(codes) {
  return `<p class="codes">${codes.map(codeLink).join(' ')}</p>`;
}

/**
 * The table of every code. "Mid-stream" marks the codes that can also end a stream after its
 * first byte, and whether a retry is then safe.
 *
 * @param {import('../model.js').CodeEntry[]} entries
 * @returns {string}
 */
export function allCodesTable(entries) {
  const rows = entries.map(
    (e) =>
      `<tr><td>${codeLink(e.code)}</td><td>${e.status}</td><td>${e.internalCode}</td><td>${esc(e.category)}</td><td>${esc(retryWording[e.retry].label)}</td><td>${midStreamCell(e.midStream)}</td><td>${esc(e.title)}</td><td>${inlineMarkdown(e.remedy)}</td></tr>`,
  );
  return `<div class="scroll"><table id="codes-table"><caption class="muted">Every error code, in internal-code order</caption>
<thead><tr><th>Code</th><th>HTTP</th><th>Internal</th><th>Category</th><th>Retry</th><th><a href="#streaming">Mid-stream</a></th><th>Title</th><th>What to do</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/**
 * The "Mid-stream" cell: empty for codes that only occur before a stream's first byte.
 *
 * @example
 * midStreamCell({ retrySafe: false }); // 'yes, no retry'
 * @param {{ readonly retrySafe: boolean } | null} midStream
 * @returns {string}
 */
export function midStreamCell(midStream) {
  if (!midStream) return '';
  return midStream.retrySafe ? 'yes, retry safe' : 'yes, no retry';
}

/**
 * The codes grouped by HTTP status.
 *
 * @param {import('../model.js').StatusCodes[]} groups
 * @returns {string}
 */
export function byStatus(groups) {
  return groups
    .map(
      ({ status, codes }) =>
        `<div data-group><h3 id="status-${status}">${esc(statusLabel(status))}</h3>${codeList(codes)}</div>`,
    )
    .join('\n');
}

/**
 * For each operation (and for paths that match none), the codes it can return, by status.
 *
 * @param {import('../model.js').OperationErrors[]} operations
 * @param {import('../model.js').StatusCodes[]} unrouted
 * @returns {string}
 */
export function byEndpoint(operations, unrouted) {
  const table = (/** @type {import('../model.js').StatusCodes[]} */ errors) =>
    `<table><thead><tr><th>Status</th><th>Codes</th></tr></thead><tbody>${errors
      .map(({ status, codes }) => `<tr><td>${esc(statusLabel(status))}</td><td>${codeList(codes)}</td></tr>`)
      .join('')}</tbody></table>`;
  const sections = operations.map(
    (op) =>
      `<div data-group id="op-${esc(op.operationId)}"><h3><code>${esc(op.method)} ${esc(op.path)}</code> <a href="../reference/#operation/${esc(op.operationId)}">${esc(op.operationId)}</a></h3><p class="muted">${esc(op.summary)}</p>${table(op.errors)}</div>`,
  );
  if (unrouted.length > 0) {
    sections.push(
      `<div data-group id="op-unrouted"><h3>Any other method and path</h3><p class="muted">Answered for every request that matches no operation.</p>${table(unrouted)}</div>`,
    );
  }
  return sections.join('\n');
}

/**
 * What a crosswalk row says the provider documents: its name, and its message or description as
 * written (template parameters kept).
 *
 * @example
 * documentedText({ name: 'Incomplete request', description: 'Request is missing headers or body: {what}' });
 * // '“Incomplete request”: Request is missing headers or body: {what}'
 * @param {import('../model.js').CrosswalkMatch} row
 * @returns {string} HTML
 */
export function documentedText(row) {
  const said = row.message ?? row.description;
  const name = row.name && row.name !== row.code ? `“${esc(row.name)}”` : '';
  return [name, said ? `<q>${esc(said)}</q>` : ''].filter(Boolean).join(': ');
}

/**
 * What Errata assumed about a row, and where the row comes from when it is not the provider's
 * main page.
 *
 * @param {import('../model.js').CrosswalkRow} row
 * @param {import('../model.js').DocsModel} model
 * @returns {string} HTML
 */
function provenance(row, model) {
  /** @type {Record<string, { title: string, url?: string, note?: string }>} */
  const documents = model.providerTexts[row.provider].documents;
  const source = row.source ? documents[row.source] : undefined;
  const parts = [];
  if (source) parts.push(`From “${source.url ? `<a href="${esc(source.url)}" rel="noopener">${esc(source.title)}</a>` : esc(source.title)}”.`);
  for (const what of row.inferred ?? []) parts.push(`<strong class="assumed">Assumed</strong>: ${what === 'mapping' ? 'the choice of code' : 'the message pattern'}.`);
  if (row.note) parts.push(esc(row.note));
  return parts.join(' ');
}

/**
 * Where a provider's body keeps each part (its `fields` in spec/providers.yaml), so a provider's
 * own field names (`messege`, `details.validationErrors`, `statusCode`) are on the page.
 *
 * @param {Readonly<Record<string, readonly string[]>>} fields
 * @returns {string}
 */
function fieldPaths(fields) {
  const rows = Object.entries(fields).map(([part, paths]) => `<tr><td>${esc(part)}</td><td>${paths.map((p) => `<code>${esc(p)}</code>`).join(', ')}</td></tr>`);
  return `<table class="fields" data-search><caption class="muted">Where its error body keeps each part (tried in order)</caption><thead><tr><th>Part</th><th>Body paths</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * For each seed provider: where it documents its errors (or why there is no link), how its bodies
 * look, the bodies it says are not errors, and each documented error as documented — its code,
 * internal code, name, status (only where it states one), message — with the Errata code it maps
 * to and what Errata assumed. Provider notes carry `data-search`, so the filter finds them.
 *
 * @param {import('../model.js').DocsModel} model
 * @returns {string}
 */
export function crosswalkTables(model) {
  return Object.entries(model.providers)
    .map(([id, provider]) => {
      const texts = model.providerTexts[/** @type {keyof typeof model.providerTexts} */ (id)];
      const rows = model.crosswalk
        .filter((row) => row.provider === id)
        .map(
          (row) =>
            `<tr><td>${row.code ? `<code>${esc(row.code)}</code>` : ''}</td><td>${row.internal_code ?? ''}</td><td>${row.status ?? '<span class="muted">not stated</span>'}</td><td>${documentedText(row)}${row.field ? ` <span class="muted">(field <code>${esc(row.field)}</code>)</span>` : ''}${row.message_pattern ? `<br><span class="muted">matched by <code>/${esc(row.message_pattern)}/i</code></span>` : ''}</td><td>${codeLink(row.canonical)}</td><td>${provenance(row, model)}</td></tr>`,
        );
      const docs = 'docs' in provider && provider.docs
        ? `<p class="muted" data-search>As documented at <a href="${esc(provider.docs)}" rel="noopener">${esc(provider.docs)}</a>.</p>`
        : `<p class="muted" data-search><strong class="assumed">No public link</strong>: ${esc('docsNote' in texts ? texts.docsNote : '')}</p>`;
      const envelope = 'envelopeNote' in texts ? `<p data-search>${inlineMarkdown(texts.envelopeNote)}</p>` : '';
      /** @type {readonly { when: Record<string, unknown>, meaning: string }[]} */
      const notErrors = 'not_errors' in provider ? provider.not_errors : [];
      const notErrorList = notErrors.length > 0
        ? `<p data-search>Not errors: ${notErrors.map((n) => `${Object.entries(n.when).map(([k, v]) => `<code>${esc(k)}: ${esc(JSON.stringify(v))}</code>`).join(', ')} — ${inlineMarkdown(n.meaning)} <code>normalizeError</code> refuses it (an <code>INVALID_RESPONSE</code> error) rather than make it an error.`).join(' ')}</p>`
        : '';
      return `<div data-group id="provider-${esc(id)}"><h3>${esc(provider.title)}</h3>${docs}${envelope}${notErrorList}${fieldPaths(provider.fields)}
<div class="scroll"><table class="xw"><thead><tr><th>Their code</th><th>Internal code</th><th>Status</th><th>As documented</th><th>Errata code</th><th>Source and assumptions</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div></div>`;
    })
    .join('\n');
}
