/**
 * The docs-only copy of the bundled spec that Redoc renders: the canonical spec plus an "Errors"
 * tag (a Redoc trait tag, so it holds text and no operations) whose description is the generated
 * catalog, a tag group for it, and a TypeScript `x-codeSamples` entry on every operation; each
 * `application/problem+json` body is shown as `ProblemDetails` (the spec's `allOf` with the `oneOf`
 * of codes, beside the same `oneOf` under `application/json`, makes Redoc take 5-8 times as long to
 * render the page). The canonical spec is never changed; this copy exists only under dist/reference/.
 */
import { lookupPointer, type OpenApiDocument } from '@errata/spec-model';
import { operationSample } from './client-snippets.js';
import type { DocsModel } from './docs-model.js';
import { errorsTagDescription } from './markdown.js';

/** The tag that holds the error catalog in the reference. */
export const ERRORS_TAG = 'Errors';

/**
 * Builds the spec the reference page renders.
 *
 * @example
 * const docsSpec = referenceSpec(model, '../errors/');
 * docsSpec.tags.at(-1); // { name: 'Errors', 'x-traitTag': true, description: '…' }
 *
 * @param catalogHref the catalog page, relative to the reference page
 */
export function referenceSpec(model: DocsModel, catalogHref: string): OpenApiDocument {
  const spec = structuredClone(model.spec);
  spec.tags = [
    ...arrayOf(spec.tags),
    { name: ERRORS_TAG, 'x-traitTag': true, description: errorsTagDescription(model, catalogHref) },
  ];
  spec['x-tagGroups'] = [...arrayOf(spec['x-tagGroups']), { name: 'Error catalog', tags: [ERRORS_TAG] }];
  showProblemDetails(spec);
  for (const operation of model.operations) {
    const definition = lookupPointer(spec, operation.pointer);
    if (typeof definition !== 'object' || definition === null) throw new Error(`No operation at ${operation.pointer}`);
    Object.assign(definition, {
      'x-codeSamples': [
        { lang: 'TypeScript', label: '@errata/client', source: operationSample(model.spec, operation) },
      ],
    });
  }
  return spec;
}

const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_DETAILS = { $ref: '#/components/schemas/ProblemDetails' };

// Every response (shared, inline, unrouted) that has a problem+json body: its schema, by reference.
function showProblemDetails(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const media = (node as { content?: Record<string, { schema?: unknown }> }).content?.[PROBLEM_JSON];
  if (media) media.schema = PROBLEM_DETAILS;
  for (const child of Object.values(node)) showProblemDetails(child);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
