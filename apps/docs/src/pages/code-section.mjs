/**
 * One code's section of the catalog page, the target of its `doc_url` (`#CODE`): what it means,
 * its metadata, what to do, which operations return it, its equivalents at other providers, the
 * example body from the spec and how to handle it with @errata/client; for a code that can end a
 * stream, whether a retry is then safe, an example stream and the streaming snippet.
 */
import { esc, inlineMarkdown, text } from '../html.mjs';
import { retryWording } from '../retry-policy.mjs';
import { handlingSnippet } from '../client-snippets.mjs';
import { statusLabel } from './catalog-tables.mjs';
import { theirId } from '../provider-errors.mjs';
import { codeStreamPart, retrySafeLabel } from './streaming-section.mjs';

/**
 * The section of one code.
 *
 * @param {import('../model.js').DocsModel} model
 * @param {import('../model.js').CodeEntry} entry
 * @returns {string}
 */
export function codeSection(model, entry) {
  /** @type {Record<string, readonly Record<string, any>[]>} */
  const crosswalk = entry.crosswalk;
  const providerIds = Object.keys(crosswalk);
  // The catalog keeps what matching needs, the texts what the provider documents: one entry, split.
  const sources = /** @type {Partial<Record<string, readonly import('../model.js').CrosswalkMatch[]>>} */ (entry.crosswalkSources ?? {});
  const elsewhere = providerIds.map((id) => {
    const title = model.providers[/** @type {keyof typeof model.providers} */ (id)]?.title ?? id;
    const rows = (crosswalk[id] ?? []).map((match, i) => ({ ...match, ...sources[id]?.[i] })).map(
      (row) => `${esc(theirId(row))}${row.name ? ` “${esc(row.name)}”` : ''}${row.status !== undefined ? ` (${row.status})` : ''}${row.message ? ` <q>${esc(row.message)}</q>` : ''}`.trim(),
    );
    return `<li><a href="../providers/${esc(id)}/">${esc(title)}</a>: ${rows.join('; ')}</li>`;
  });
  // A code every operation can return (auth, quota, 5xx) says so, instead of listing them all.
  const returnedBy =
    entry.operations.length === model.operations.length
      ? '<a href="endpoints/">every operation</a>'
      : entry.operations.length > 0
      ? entry.operations.map((op) => `<a href="endpoints/#op-${esc(op)}">${esc(op)}</a>`).join(', ')
      : '<a href="endpoints/#op-unrouted">any path that matches no operation</a>';
  const id = esc(entry.code);
  const midStream = model.stream.codes.find((c) => c.code === entry.code);
  const streamFact = midStream
    ? `<dt>Mid-stream</dt><dd>can end a <a href="#streaming">stream</a>, ${retrySafeLabel(midStream.retrySafe)}: ${inlineMarkdown(midStream.note)}</dd>`
    : '';
  return `<section class="code" id="${id}" data-status="${entry.status}"${midStream ? ' data-flags="stream"' : ''}>
<h3><a href="#${id}">${id}</a> ${esc(entry.title)}</h3>
<p class="means">${inlineMarkdown(entry.description)}</p>
<dl class="facts"><dt>HTTP status</dt><dd>${esc(statusLabel(entry.status))}</dd><dt>Errata internal code</dt><dd class="internal">${entry.internalCode}</dd><dt>Category</dt><dd>${esc(entry.category)}</dd><dt>Retry</dt><dd>${esc(retryWording[entry.retry].label)}: ${esc(retryWording[entry.retry].advice)}</dd><dt>Message</dt><dd><code class="tpl">${esc(entry.message)}</code></dd><dt>What to do</dt><dd class="todo">${inlineMarkdown(entry.remedy)}</dd>${streamFact}</dl>
<p class="by">Returned by ${returnedBy}.</p>
${elsewhere.length > 0 ? `<p>What other providers call it:</p><ul class="elsewhere">${elsewhere.join('')}</ul>` : ''}
<h4>Example response</h4><pre><code>${text(JSON.stringify(entry.example, null, 2))}</code></pre>
<h4>With @errata/client</h4><pre><code>${text(handlingSnippet(model.spec, model.operations, entry))}</code></pre>
${codeStreamPart(model, entry)}</section>`;
}
