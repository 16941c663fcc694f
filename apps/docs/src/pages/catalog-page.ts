/**
 * The error catalog page (dist/errors/index.html): the filter, every table, then one section per
 * code. Inline CSS; its two scripts (the filter, the paste box) come from the site's assets/.
 */

import { clientSetup } from '../client-snippets.js';
import type { DocsModel } from '../docs-model.js';
import { codesByStatus } from '../docs-model.js';
import { esc, text } from '../html.js';
import { allCodesTable, byStatus, providerLinks } from './catalog-tables.js';
import { codeSection, retryPolicies } from './code-section.js';
import { page } from './layout.js';
import { pasteForm } from './paste-form.js';
import { streamingSection } from './streaming-section.js';

/**
 * Renders the catalog page.
 *
 * @example
 * writeFileSync('dist/errors/index.html', catalogPage(buildModel(loadSpec())));
 */
export function catalogPage(model: DocsModel): string {
  const count = model.entries.length;
  const toc = [
    '<li><a href="#all-codes">All codes</a></li>',
    '<li><a href="#by-status">By HTTP status</a></li>',
    '<li><a href="endpoints/">By endpoint</a></li>',
    '<li><a href="#crosswalk">Provider crosswalk</a></li>',
    model.stream.codes.length > 0 ? '<li><a href="#streaming">Streaming errors</a></li>' : '',
    '<li><a href="#codes">Each code</a></li>',
  ].join('');
  const filter = [
    '<div class="filter" role="search"><label for="filter">Filter codes</label>',
    '<input id="filter" data-index="../assets/catalog-search.json" type="search" autocomplete="off" spellcheck="false"',
    ' placeholder="code, status, provider code or message" aria-describedby="filter-count">\n',
    `<p id="filter-count" role="status" aria-live="polite">${count} codes</p>`,
    '<ol id="filter-best" aria-label="Best matches" hidden></ol></div>',
  ].join('');
  const crosswalkIntro =
    '<p>What each seed provider calls its errors, by its own code, name, status and message, ' +
    'and the Errata code each one is: one page per provider. An error a provider really sent that ' +
    'the paste box does not recognise belongs in the corpus: <a href="../contribute/">contribute a case</a>.</p>';
  const main = `<h1>Error catalog</h1>
<p>Every error the ${esc(model.spec.info?.title ?? 'API')} can answer with: ${count} codes. Each response's
<code>doc_url</code> links to the code's section below. Switch on <code>code</code>, not on the message;
the retry policy says whether sending the request again can help. Quote <code>request_id</code> to support.</p>
<nav aria-label="On this page"><ul class="toc">${toc}</ul></nav>
${pasteForm(model, '')}
${filter}
<h2 id="all-codes">All codes</h2>
${allCodesTable(model.entries)}
<h2 id="by-status">By HTTP status</h2>
${byStatus(codesByStatus(model.entries))}
<h2 id="crosswalk">Provider crosswalk</h2>
${crosswalkIntro}
${providerLinks(model)}
${streamingSection(model)}
<h2 id="codes">Each code</h2>
<p>Each section names the providers that have a code of their own for this error; a provider that maps
it by its type, its message, the HTTP status or the Errata code itself lists it on its page
(<a href="#crosswalk">the crosswalk</a>).
The snippets assume a client:</p>
<pre><code>${text(clientSetup(model.spec))}</code></pre>
<p>What each section’s retry policy means:</p>
${retryPolicies()}
${model.entries.map((entry) => codeSection(model, entry)).join('\n')}`;
  return page({
    title: 'Error catalog — Errata',
    description: `Every error code of the ${model.spec.info?.title ?? 'API'}: status, retry policy, what to do.`,
    root: '../',
    current: 'errors',
    main,
    modules: ['assets/catalog-filter.js', 'assets/paste.js'],
  });
}
