/**
 * One page per seed provider (dist/providers/<id>/index.html): "Cloudflare Workers AI errors in
 * Errata", every error the provider documents in its own order, each row linking to the Errata
 * code's section.
 */
import type { DocsModel } from '../docs-model.js';
import { esc } from '../html.js';
import { page } from './layout.js';
import { providerNotes } from './provider-notes.js';
import { providerTable } from './provider-table.js';

/**
 * Renders the page of one provider.
 *
 * @example
 * writeFileSync('dist/providers/workers-ai/index.html', providerPage(model, 'workers-ai'));
 */
export function providerPage(model: DocsModel, id: string): string {
  const provider = model.providers[id];
  if (!provider) throw new Error(`No provider ${id} in the spec`);
  const title = `${provider.title} errors in Errata`;
  const intro =
    `<p>Every error ${esc(provider.title)} documents, by its own code, and the Errata code ` +
    '<code>@errata/client/normalize</code> turns it into ' +
    `(<code>normalizeError(response, { provider: '${esc(id)}' })</code>). ` +
    'Follow the Errata code for what it means and what to do.</p>';
  const main =
    `<h1>${esc(title)}</h1>
${intro}
${providerNotes(model, id)}
${providerTable(model, id, '../../errors/')}
<p class="muted">“Assumed” and “inferred” mark what Errata assumed rather than read in the provider’s ` +
    'documentation.</p>\n' +
    `<p>Seen ${esc(provider.title)} send an error this table gets wrong, or does not list? Copy it exactly as ` +
    'it was printed in a public issue or forum thread into <code>corpus/cases/' +
    `${esc(id)}.yaml</code> with its URL and the code it must become, and run <code>pnpm test</code>: ` +
    'every case there is checked with and without the provider named (corpus/README.md, “Contributing a case”).</p>';
  return page({
    title: `${title} — Errata`,
    description: `${provider.title}’s errors and their Errata codes.`,
    root: '../../',
    current: 'providers',
    main,
  });
}
