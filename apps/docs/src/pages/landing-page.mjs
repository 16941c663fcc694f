/**
 * The docs' front page (dist/index.html): what the API is and where to go.
 */
import { esc } from '../html.mjs';
import { page } from './layout.mjs';
import { pasteForm } from './paste-form.mjs';

/**
 * Renders the landing page.
 *
 * @param {import('../model.js').DocsModel} model
 * @returns {string}
 */
export function landingPage(model) {
  const info = /** @type {{ title?: string, version?: string, summary?: string }} */ (model.spec.info ?? {});
  const main = `<h1>${esc(info.title ?? 'API')} <span class="muted">${esc(info.version ?? '')}</span></h1>
<p>${esc(info.summary ?? '')}</p>
<ul>
<li><a href="errors/">Error catalog</a>: what each of the ${model.entries.length} error codes means, whether to retry, what to do, which endpoints return it and what other providers call it.</li>
<li>What each seed provider calls its errors, and their Errata codes: ${Object.entries(model.providers)
    .map(([id, p]) => `<a href="providers/${esc(id)}/">${esc(p.title)}</a>`)
    .join(', ')}.</li>
<li><a href="reference/">API reference</a>: all ${model.operations.length} operations, their parameters, bodies and responses.</li>
<li>The OpenAPI document: <a href="openapi.json">openapi.json</a>, <a href="openapi.yaml">openapi.yaml</a>.</li>
</ul>
${pasteForm(model, 'errors/')}`;
  return page({
    title: `${info.title ?? 'API'} docs`,
    description: info.summary ?? '',
    root: './',
    current: 'home',
    main,
    modules: ['assets/paste.js'],
  });
}
