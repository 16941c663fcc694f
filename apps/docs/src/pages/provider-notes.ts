/**
 * What a provider page says about the provider besides its errors, and about each row's origin:
 * where it documents its errors (or why there is no link), the shape of its bodies, where a body
 * keeps each part, the bodies it says are not errors, and for a row, its source document and what
 * Errata assumed. All from `providers` (catalog) and `providerTexts` (@errata/types/texts).
 */
import type { CrosswalkRow, DocsModel } from '../docs-model.js';
import { esc, inlineMarkdown } from '../html.js';

/** A link to a provider's document, opened without giving it this page. */
const link = (url: string, title: string) => `<a href="${esc(url)}" rel="noopener">${esc(title)}</a>`;

/**
 * What Errata assumed about a row, and where the row comes from when it is not the provider's
 * main page.
 *
 * @example
 * provenance(row, model);
 * // 'From “Handling Workers AI Errors”. <strong class="assumed">Assumed</strong>: the message pattern.'
 * @returns HTML
 */
export function provenance(row: CrosswalkRow, model: DocsModel): string {
  const documents = model.providerTexts[row.provider]?.documents ?? {};
  const source = row.source ? documents[row.source] : undefined;
  const parts = [];
  if (source) parts.push(`From “${source.url ? link(source.url, source.title) : esc(source.title)}”.`);
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
 * @returns HTML
 */
function fieldPaths(fields: Readonly<Record<string, readonly string[]>>): string {
  const rows = Object.entries(fields).map(
    ([part, paths]) =>
      `<tr><td>${esc(part)}</td><td>${paths.map((p) => `<code>${esc(p)}</code>`).join(', ')}</td></tr>`,
  );
  const head =
    '<caption class="muted">Where its error body keeps each part (tried in order)</caption>' +
    '<thead><tr><th>Part</th><th>Body paths</th></tr></thead>';
  return `<table class="fields">${head}<tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The provider's documentation, body shape and non-errors, in words.
 *
 * @example
 * providerNotes(model, 'modelslab'); // '<p>As documented at …</p><p>`{ "status": "error", … }`…'
 * @returns HTML
 */
export function providerNotes(model: DocsModel, id: string): string {
  const provider = model.providers[id];
  if (!provider) throw new Error(`No provider ${id} in the spec`);
  const texts = model.providerTexts[id] ?? {};
  const docs = provider.docs
    ? `<p>As documented at <a href="${esc(provider.docs)}" rel="noopener">${esc(provider.docs)}</a>.</p>`
    : `<p><strong class="assumed">No public link</strong>: ${inlineMarkdown(texts.docsNote ?? '')}</p>`;
  const documents = Object.entries(texts.documents ?? {}).map(
    ([key, d]) =>
      `<li><code>${esc(key)}</code>: ${d.url ? link(d.url, d.title) : esc(d.title)}` +
      `${d.note ? ` — ${inlineMarkdown(d.note)}` : ''}</li>`,
  );
  const notErrors = provider.not_errors ?? [];
  const notErrorList = notErrors.map(
    (n) =>
      `<li>${Object.entries(n.when)
        .map(([k, v]) => `<code>${esc(k)}: ${esc(JSON.stringify(v))}</code>`)
        .join(', ')} — ${inlineMarkdown(n.meaning)} <code>normalizeError</code> refuses it ` +
      '(an <code>INVALID_RESPONSE</code> error) rather than make it an error.</li>',
  );
  return [
    docs,
    documents.length ? `<p>Other sources:</p><ul>${documents.join('')}</ul>` : '',
    texts.envelopeNote ? `<p>Its error bodies: ${inlineMarkdown(texts.envelopeNote)}</p>` : '',
    notErrorList.length ? `<p>Not errors:</p><ul>${notErrorList.join('')}</ul>` : '',
    fieldPaths(provider.fields),
  ].join('\n');
}
