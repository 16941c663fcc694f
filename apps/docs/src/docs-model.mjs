/**
 * Gathers everything the pages show into one model: the catalog and its texts from @errata/types,
 * and from the bundled spec which operations return which code, each code's example and the
 * providers. Nothing here is typed in by hand; a code added to the spec appears everywhere.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSpecModel } from '@errata/spec-model';
import { catalog, docsUrl, errorCodes, providers } from '@errata/types';
import { errorTexts, providerTexts } from '@errata/types/texts';
import { operationErrors, unroutedCodes } from './operation-errors.mjs';
import { streamModel } from './stream-events.mjs';

const require = createRequire(import.meta.url);

/** Path of the bundled spec that @errata/types was generated from. */
export const specPath = require.resolve('@errata/types/openapi.json');

/**
 * Reads the bundled spec.
 *
 * @returns {import('@errata/spec-model').OpenApiDocument}
 */
export function loadSpec() {
  return JSON.parse(readFileSync(specPath, 'utf8'));
}

/**
 * Builds the model of the docs from the bundled spec and the generated catalog.
 *
 * @example
 * const model = buildModel(loadSpec());
 * model.entries.find((entry) => entry.code === 'MODEL_NOT_FOUND')?.operations; // ['getModel', 'runModel', …]
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @returns {import('./model.js').DocsModel}
 */
export function buildModel(spec) {
  const operations = operationErrors(spec);
  /** @type {Map<string, string[]>} */
  const operationsByCode = new Map();
  for (const operation of operations) {
    for (const { codes } of operation.errors) {
      for (const code of codes) {
        const list = operationsByCode.get(code) ?? [];
        if (!list.includes(operation.operationId)) list.push(operation.operationId);
        operationsByCode.set(code, list);
      }
    }
  }

  const specModel = createSpecModel(spec);
  const entries = errorCodes.map((code) => {
    const definition = specModel.errors.get(code);
    if (!definition) throw new Error(`The bundled spec has no schema for ${code}; rebuild @errata/types`);
    const schema = /** @type {{ properties?: Record<string, unknown>, allOf?: unknown[] }} */ (
      specModel.resolve(specModel.lookup(definition.pointer))
    );
    return {
      ...catalog[code],
      ...errorTexts[code],
      example: /** @type {Record<string, unknown>} */ (definition.examples[0] ?? {}),
      operations: operationsByCode.get(code) ?? [],
      // The envelope allows `details` on every code; a code's own part says when it has some (the
      // envelope is a `$ref` in allOf, deliberately not followed).
      hasDetails: [schema, ...(schema.allOf ?? [])].some(
        (part) => /** @type {typeof schema} */ (part)?.properties?.details !== undefined,
      ),
    };
  });

  const unrouted = unroutedCodes(spec);
  const statuses = [...new Set(unrouted.map((code) => catalog[code].status))];

  return {
    spec,
    docsUrl,
    entries,
    operations,
    unrouted: statuses.map((status) => ({ status, codes: unrouted.filter((code) => catalog[code].status === status) })),
    providers,
    providerTexts,
    crosswalk: crosswalkRows(),
    stream: streamModel(spec),
  };
}

/**
 * Every crosswalk entry of the catalog as a row, grouped by provider in the order of `providers`,
 * then in catalog order.
 *
 * @returns {import('./model.js').CrosswalkRow[]}
 */
function crosswalkRows() {
  /** @type {import('./model.js').CrosswalkRow[]} */
  const rows = [];
  for (const provider of /** @type {import('@errata/types').ProviderId[]} */ (Object.keys(providers))) {
    for (const code of errorCodes) {
      /** @type {Record<string, readonly Record<string, unknown>[]>} */
      const crosswalk = catalog[code].crosswalk;
      /** @type {Record<string, readonly Record<string, unknown>[]>} */
      const sources = errorTexts[code].crosswalkSources;
      // The catalog keeps what matching needs, the texts what the provider documents: one entry, split.
      (crosswalk[provider] ?? []).forEach((entry, i) =>
        rows.push({ provider, ...entry, ...sources[provider]?.[i], canonical: code, index: i }),
      );
    }
  }
  return rows;
}

/**
 * The codes of the catalog grouped by HTTP status, in status order.
 *
 * @param {import('./model.js').CodeEntry[]} entries
 * @returns {import('./model.js').StatusCodes[]}
 */
export function codesByStatus(entries) {
  const statuses = [...new Set(entries.map((entry) => entry.status))].sort((a, b) => a - b);
  return statuses.map((status) => ({
    status,
    codes: entries.filter((entry) => entry.status === status).map((entry) => entry.code),
  }));
}
