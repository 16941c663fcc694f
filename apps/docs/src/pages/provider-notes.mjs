/**
 * What a provider page says about the provider besides its errors, and about each row's origin:
 * where it documents its errors (or why there is no link), the shape of its bodies, where a body
 * keeps each part, the bodies it says are not errors, and for a row, its source document and what
 * Errata assumed. All from `providers` (catalog) and `providerTexts` (@errata/types/texts).
 */
import { esc, inlineMarkdown } from '../html.mjs';

/**
 * What Errata assumed about a row, and where the row comes from when it is not the provider's
 * main page.
 *
 * @example
 * provenance(row, model); // 'From “Handling Workers AI Errors”. <strong class="assumed">Assumed</strong>: the message pattern.'
 * @param {import('../model.js').CrosswalkRow} row
 * @param {import('../model.js').DocsModel} model
 * @returns {string} HTML
 */
export function provenance(row, model) {
  /** @type {Record<string, { title: string, url?: string, note?: string }>} */
  const documents = model.providerTexts[row.provider]?.documents ?? {};
  const source = row.source ? documents[row.source] : undefined;
  const parts = [];
  if (source)
    parts.push(
      `From “${source.url ? `<a href="${esc(source.url)}" rel="noopener">${esc(source.title)}</a>` : esc(source.title)}”.`,
    );
  for (const what of row.inferred ?? [])
    parts.push(
      `<strong class="assumed">Assumed</strong>: ${what === 'mapping' ? 'the choice of code' : 'the message pattern'}.`,
    );
  if (row.note) parts.push(inlineMarkdown(row.note));
  return parts.join(' ');
}

/**
 * Where a provider's body keeps each part (its `fields` in spec/providers.yaml), so a provider's
 * own field names (`messege`, `details.validationErrors`, `statusCode`) are on its page.
 *
 * @param {Readonly<Record<string, readonly string[]>>} fields
 * @returns {string} HTML
 */
export function fieldPaths(fields) {
  const rows = Object.entries(fields).map(
    ([part, paths]) =>
      `<tr><td>${esc(part)}</td><td>${paths.map((p) => `<code>${esc(p)}</code>`).join(', ')}</td></tr>`,
  );
  return `<table class="fields"><caption class="muted">Where its error body keeps each part (tried in order)</caption><thead><tr><th>Part</th><th>Body paths</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The provider's documentation, body shape and non-errors, in words.
 *
 * @example
 * providerNotes(model, 'modelslab'); // '<p>As documented at …</p><p>`{ "status": "error", … }`…'
 * @param {import('../model.js').DocsModel} model
 * @param {string} id
 * @returns {string} HTML
 */
export function providerNotes(model, id) {
  /** @type {Record<string, any>} */
  const provider = /** @type {any} */ (model.providers)[id];
  /** @type {{ docsNote?: string, documents?: Record<string, { title: string, url?: string, note?: string }>, envelopeNote?: string }} */
  const texts = /** @type {any} */ (model.providerTexts)[id] ?? {};
  const docs = provider.docs
    ? `<p>As documented at <a href="${esc(provider.docs)}" rel="noopener">${esc(provider.docs)}</a>.</p>`
    : `<p><strong class="assumed">No public link</strong>: ${inlineMarkdown(texts.docsNote ?? '')}</p>`;
  const documents = Object.entries(texts.documents ?? {}).map(
    ([key, d]) =>
      `<li><code>${esc(key)}</code>: ${d.url ? `<a href="${esc(d.url)}" rel="noopener">${esc(d.title)}</a>` : esc(d.title)}${d.note ? ` — ${inlineMarkdown(d.note)}` : ''}</li>`,
  );
  /** @type {readonly { when: Record<string, unknown>, meaning: string }[]} */
  const notErrors = provider.not_errors ?? [];
  const notErrorList = notErrors.map(
    (n) =>
      `<li>${Object.entries(n.when)
        .map(([k, v]) => `<code>${esc(k)}: ${esc(JSON.stringify(v))}</code>`)
        .join(
          ', ',
        )} — ${inlineMarkdown(n.meaning)} <code>normalizeError</code> refuses it (an <code>INVALID_RESPONSE</code> error) rather than make it an error.</li>`,
  );
  return [
    docs,
    documents.length ? `<p>Other sources:</p><ul>${documents.join('')}</ul>` : '',
    texts.envelopeNote ? `<p>Its error bodies: ${inlineMarkdown(texts.envelopeNote)}</p>` : '',
    notErrorList.length ? `<p>Not errors:</p><ul>${notErrorList.join('')}</ul>` : '',
    fieldPaths(provider.fields),
  ].join('\n');
}
