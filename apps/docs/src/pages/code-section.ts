/**
 * One code's section of the catalog page, the target of its `doc_url` (`#CODE`): what it means,
 * its metadata, what to do, which operations return it, its equivalents at other providers, the
 * example body from the spec and how to handle it with @errata/client; for a code that can end a
 * stream, whether a retry is then safe, an example stream and the streaming snippet.
 */
import type { CodeEntry, DocsModel } from '../docs-model.js';
import { esc, inlineMarkdown, text } from '../html.js';
import { retryWording } from '../retry-policy.js';

/** The policies' explanations, once on the page; each section's Retry links to its policy. */
export const retryPolicies = () =>
  `<dl class="facts" id="retry-policies">${Object.entries(retryWording)
    .map(
      ([policy, { label, advice }]) => `<dt id="retry-${esc(policy)}">Retry ${esc(label)}</dt><dd>${esc(advice)}</dd>`,
    )
    .join('')}</dl>`;

import { handlingSnippet } from '../client-snippets.js';
import { type DocumentedEntry, theirId } from '../provider-errors.js';
import { statusLabel } from './catalog-tables.js';
import { codeStreamPart, retrySafeLabel } from './streaming-section.js';

/**
 * The section of one code.
 */
export function codeSection(model: DocsModel, entry: CodeEntry): string {
  const crosswalk: Partial<Record<string, readonly DocumentedEntry[]>> = entry.crosswalk;
  // Each provider's own code only (its code or internal code), linking to its page: the name,
  // status and message are on the provider's page (and in the filter's index), which keeps this page
  // light. A provider that maps this code without a code of its own (by the HTTP status, a type or a
  // message) is left to its page, as is one whose only name for it is the Errata code itself (the
  // Generic AI API's); the intro of "Each code" says so.
  const elsewhere = Object.keys(crosswalk).flatMap((id) => {
    const theirs = [...new Set((crosswalk[id] ?? []).map(theirId).filter((own) => own !== '' && own !== entry.code))];
    if (theirs.length === 0) return [];
    return [`<a href="../providers/${esc(id)}/">${esc(shortTitle(model, id))}</a> ${theirs.map(esc).join(', ')}`];
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
    ? '<dt>Mid-stream</dt><dd>can end a <a href="#streaming">stream</a>, ' +
      `${retrySafeLabel(midStream.retrySafe)}: ${inlineMarkdown(midStream.note)}</dd>`
    : '';
  // The category is in the example beside them (`"category"`), and in the All codes table.
  const facts = [
    `<dt>HTTP status</dt><dd>${esc(statusLabel(entry.status))}</dd>`,
    `<dt>Errata internal code</dt><dd class="internal">${entry.internalCode}</dd>`,
    `<dt>Retry</dt><dd><a href="#retry-${esc(entry.retry)}">${esc(retryWording[entry.retry].label)}</a></dd>`,
    `<dt>Message</dt><dd><code class="tpl">${esc(entry.message)}</code></dd>`,
    `<dt>What to do</dt><dd class="todo">${inlineMarkdown(entry.remedy)}</dd>`,
    streamFact,
  ].join('');
  // Compact: the page carries one per code.
  const example = text(JSON.stringify(entry.example));
  return `<section class="code" id="${id}" data-status="${entry.status}"${midStream ? ' data-flags="stream"' : ''}>
<h3><a href="#${id}">${id}</a> ${esc(entry.title)}</h3>
<p class="means">${inlineMarkdown(entry.description)}</p>
<dl class="facts">${facts}</dl>
<p class="by">Returned by ${returnedBy}.</p>
${elsewhere.length > 0 ? `<p class="elsewhere">Providers: ${elsewhere.join('; ')}</p>` : ''}
<h4>Example</h4><pre class="body"><code>${example}</code></pre>
<h4>With @errata/client</h4><pre><code>${text(handlingSnippet(model.spec, model.operations, entry))}</code></pre>
${codeStreamPart(model, entry)}</section>`;
}

/**
 * A provider's title without its parenthesis ("Amazon Bedrock Runtime"), unless another
 * provider's would then read the same (the two Cloudflare Workers AI entries keep theirs).
 *
 * @example
 * shortTitle(model, 'anthropic'); // 'Anthropic'
 */
function shortTitle(model: DocsModel, id: string): string {
  const titles = Object.entries(model.providers).map(([key, p]) => [key, p.title]);
  const short = (title: string) => title.replace(/\s*\(.*\)$/, '');
  const own = titles.find(([key]) => key === id)?.[1] ?? id;
  return titles.some(([key, title]) => key !== id && short(title ?? '') === short(own)) ? own : short(own);
}
