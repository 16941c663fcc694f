/**
 * One code's section of the catalog page, the target of its `doc_url` (`#CODE`): what it means,
 * its metadata, what to do, which operations return it, its equivalents at other providers, the
 * example body from the spec and how to handle it with @errata/client; for a code that can end a
 * stream, whether a retry is then safe, an example stream and the streaming snippet.
 */
import { esc, inlineMarkdown, text } from '../html.mjs';
import { retryWording } from '../retry-policy.mjs';
import { handlingSnippet } from '../client-snippets.mjs';
import { documentedText, statusLabel } from './catalog-tables.mjs';
import { codeStreamPart, retrySafeLabel } from './streaming-section.mjs';

/**
 * A crosswalk entry in words.
 *
 * @example
 * describeMatch({ internal_code: 3036, status: 429 }); // 'internal code 3036, status 429'
 * @param {import('@errata/spec-model').CrosswalkEntry} match
 * @returns {string} HTML
 */
export function describeMatch(match) {
  const parts = [];
  if (match.code) parts.push(`code <code>${esc(match.code)}</code>`);
  if (match.internal_code !== undefined) parts.push(`internal code ${match.internal_code}`);
  if (match.status !== undefined) parts.push(`status ${match.status}`);
  if (match.field) parts.push(`field <code>${esc(match.field)}</code>`);
  if (match.message_pattern) parts.push(`message matching <code>/${esc(match.message_pattern)}/i</code>`);
  return parts.join(', ');
}

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
  const internalCodes = [entry.internalCode, ...Object.values(crosswalk).flat().map((m) => m.internal_code)]
    .filter((value) => value !== undefined);
  const sources = /** @type {Partial<Record<string, readonly import('../model.js').CrosswalkMatch[]>>} */ (entry.crosswalkSources ?? {});
  const elsewhere = providerIds.map((id) => {
    const title = model.providers[/** @type {keyof typeof model.providers} */ (id)]?.title ?? id;
    // What the provider calls it and says, next to how it is recognised, so the filter finds a provider's own words.
    const described = (crosswalk[id] ?? []).map((match, i) => [describeMatch(match), documentedText({ ...match, ...sources[id]?.[i] })].filter(Boolean).join(' — '));
    return `<li>${esc(title)}: ${described.join('; ')}</li>`;
  });
  const returnedBy =
    entry.operations.length > 0
      ? entry.operations.map((op) => `<a href="#op-${esc(op)}">${esc(op)}</a>`).join(', ')
      : '<a href="#op-unrouted">any path that matches no operation</a>';
  const id = esc(entry.code);
  const midStream = model.stream.codes.find((c) => c.code === entry.code);
  const streamFact = midStream
    ? `<dt>Mid-stream</dt><dd>can end a <a href="#streaming">stream</a>, ${retrySafeLabel(midStream.retrySafe)}: ${inlineMarkdown(midStream.note)}</dd>`
    : '';
  return `<section class="code" id="${id}" data-status="${entry.status}" data-internal="${internalCodes.join(' ')}"${midStream ? ' data-flags="stream"' : ''}>
<h3><a href="#${id}">${id}</a> ${esc(entry.title)}</h3>
<p>${inlineMarkdown(entry.description)}</p>
<dl class="facts"><dt>HTTP status</dt><dd>${esc(statusLabel(entry.status))}</dd><dt>Errata internal code</dt><dd>${entry.internalCode}</dd><dt>Category</dt><dd>${esc(entry.category)}</dd><dt>Retry</dt><dd>${esc(retryWording[entry.retry].label)}: ${esc(retryWording[entry.retry].advice)}</dd><dt>Message</dt><dd><code>${esc(entry.message)}</code></dd><dt>What to do</dt><dd>${inlineMarkdown(entry.remedy)}</dd>${streamFact}</dl>
<p class="by">Returned by ${returnedBy}.</p>
${elsewhere.length > 0 ? `<p>Elsewhere:</p><ul>${elsewhere.join('')}</ul>` : ''}
<h4>Example response</h4><pre><code>${text(JSON.stringify(entry.example, null, 2))}</code></pre>
<h4>With @errata/client</h4><pre><code>${text(handlingSnippet(model.spec, model.operations, entry))}</code></pre>
${codeStreamPart(model, entry)}</section>`;
}
