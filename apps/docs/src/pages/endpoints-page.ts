/**
 * Errors by endpoint (dist/errors/endpoints/index.html): for each operation, and for paths that
 * match none, the codes it can answer with, by status; each code links to its catalog section. A
 * page of its own so the catalog stays light.
 */
import type { DocsModel } from '../docs-model.js';
import { byEndpoint } from './catalog-tables.js';
import { page } from './layout.js';

/**
 * Renders the page.
 *
 * @example
 * writeFileSync('dist/errors/endpoints/index.html', endpointsPage(model));
 */
export function endpointsPage(model: DocsModel): string {
  const intro =
    '<p>Which error codes each operation can answer with, read from its responses in the spec. ' +
    'Each code links to its section in the <a href="../">error catalog</a>.</p>';
  const main = `<h1>Errors by endpoint</h1>
${intro}
${byEndpoint(model.operations, model.unrouted)}`;
  return page({
    title: 'Errors by endpoint — Errata',
    description: 'The error codes each operation can return.',
    root: '../../',
    current: 'errors',
    main,
  });
}
