/**
 * The docs' front page (dist/index.html): what the API is and where to go.
 */
import type { DocsModel } from '../docs-model.js';
import { esc } from '../html.js';
import { page } from './layout.js';
import { pasteForm } from './paste-form.js';

/**
 * Renders the landing page.
 */
export function landingPage(model: DocsModel): string {
  const info = (key: 'title' | 'version' | 'summary') => {
    const value = model.spec.info?.[key];
    return typeof value === 'string' ? value : undefined;
  };
  const catalogItem =
    `<li><a href="errors/">Error catalog</a>: what each of the ${model.entries.length} error codes means, ` +
    'whether to retry, what to do, which endpoints return it and what other providers call it.</li>';
  const referenceItem =
    `<li><a href="reference/">API reference</a>: all ${model.operations.length} operations, ` +
    'their parameters, bodies and responses.</li>';
  const main = `<h1>${esc(info('title') ?? 'API')} <span class="muted">${esc(info('version') ?? '')}</span></h1>
<p>${esc(info('summary') ?? '')}</p>
<ul>
${catalogItem}
<li>What each seed provider calls its errors, and their Errata codes: ${Object.entries(model.providers)
    .map(([id, p]) => `<a href="providers/${esc(id)}/">${esc(p.title)}</a>`)
    .join(', ')}.</li>
${referenceItem}
<li><a href="clients/">Client conformance</a>: how the providers' SDKs and the Errata client handle the errors
providers really send, measured against the provider sandbox.</li>
<li>The OpenAPI document: <a href="openapi.json">openapi.json</a>, <a href="openapi.yaml">openapi.yaml</a>.</li>
</ul>
${pasteForm(model, 'errors/')}`;
  return page({
    title: `${info('title') ?? 'API'} docs`,
    description: info('summary') ?? '',
    root: './',
    current: 'home',
    main,
    modules: ['assets/paste.js'],
  });
}
