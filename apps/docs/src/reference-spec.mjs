/**
 * The docs-only copy of the bundled spec that Redoc renders: the canonical spec plus an "Errors"
 * tag (a Redoc trait tag, so it holds text and no operations) whose description is the generated
 * catalog, a tag group for it, and a TypeScript `x-codeSamples` entry on every operation. The
 * canonical spec is never changed; this copy exists only under dist/reference/.
 */
import { lookupPointer } from '@errata/spec-model';
import { operationSample } from './client-snippets.mjs';
import { errorsTagDescription } from './markdown.mjs';

/** The tag that holds the error catalog in the reference. */
export const ERRORS_TAG = 'Errors';

/**
 * Builds the spec the reference page renders.
 *
 * @example
 * const docsSpec = referenceSpec(model, '../errors/');
 * docsSpec.tags.at(-1); // { name: 'Errors', 'x-traitTag': true, description: '…' }
 * @param {import('./model.js').DocsModel} model
 * @param {string} catalogHref the catalog page, relative to the reference page
 * @returns {import('@errata/spec-model').OpenApiDocument}
 */
export function referenceSpec(model, catalogHref) {
  /** @type {any} */
  const spec = structuredClone(model.spec);
  spec.tags = [
    ...(spec.tags ?? []),
    { name: ERRORS_TAG, 'x-traitTag': true, description: errorsTagDescription(model, catalogHref) },
  ];
  spec['x-tagGroups'] = [...(spec['x-tagGroups'] ?? []), { name: 'Error catalog', tags: [ERRORS_TAG] }];
  for (const operation of model.operations) {
    const definition = /** @type {Record<string, unknown>} */ (lookupPointer(spec, operation.pointer));
    definition['x-codeSamples'] = [
      { lang: 'TypeScript', label: '@errata/client', source: operationSample(model.spec, operation) },
    ];
  }
  return spec;
}
