/**
 * Gathers everything the pages show into one model: the catalog and its texts from @errata/types,
 * and from the bundled spec which operations return which code, each code's example and the
 * providers. Nothing here is typed in by hand; a code added to the spec appears everywhere.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSpecModel, type OpenApiDocument, type Provider } from '@errata/spec-model';
import {
  type CatalogEntry,
  catalog,
  docsUrl,
  type ErrorCode,
  errorCodes,
  isErrorCode,
  type ProviderId,
  providers,
} from '@errata/types';
import { errorTexts, providerTexts } from '@errata/types/texts';
import { type OperationErrors, operationErrors, type StatusCodes, unroutedCodes } from './operation-errors.js';
import type { DocumentedEntry } from './provider-errors.js';
import { type StreamModel, streamModel } from './stream-events.js';

const require = createRequire(import.meta.url);

/** The texts of `@errata/types/texts` every code has. */
type CodeTexts = { [K in keyof (typeof errorTexts)[ErrorCode]]: (typeof errorTexts)[ErrorCode][K] };

/** One code with everything its section shows: its catalog entry, texts and usage. */
export type CodeEntry = CatalogEntry &
  CodeTexts & {
    /** What a retry means after partial output (mid-stream codes only). */
    midStreamNote?: string;
    /** The first example body in the code's schema. */
    example: Record<string, unknown>;
    /** Operation ids that can return the code (empty for the unrouted response). */
    operations: string[];
    /** Whether the code's body has `details`. */
    hasDetails: boolean;
  };

/** One crosswalk row: a provider's error, as its docs describe it, and the canonical code. */
export type CrosswalkRow = DocumentedEntry & {
  provider: ProviderId;
  canonical: ErrorCode;
  /** Its position among the provider's entries for `canonical` (the row's anchor, `rowAnchor`). */
  index: number;
};

/** `T` as a generated `as const` object holds it: read-only all the way down. */
type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/**
 * What the pages read of a provider (`x-errata.providers`), as `providers` of @errata/types holds
 * it (its texts are in `providerTexts`).
 */
type ProviderFacts = Frozen<Pick<Provider, 'title' | 'docs' | 'fields' | 'not_errors'>>;

/** What a provider's documentation leaves open or Errata assumes, as `providerTexts` holds it. */
interface ProviderTexts {
  docsNote?: string;
  documents?: Readonly<Record<string, Frozen<NonNullable<Provider['documents']>[string]>>>;
  envelopeNote?: string;
}

/** Everything the pages are built from. */
export interface DocsModel {
  spec: OpenApiDocument;
  docsUrl: string;
  entries: CodeEntry[];
  operations: OperationErrors[];
  /** Codes answered for paths that match no operation (`x-errata.unrouted_response`). */
  unrouted: StatusCodes[];
  /** By provider id, in the spec's order. */
  providers: Readonly<Record<string, ProviderFacts>>;
  /** What each provider's documentation leaves open or Errata assumes (@errata/types/texts). */
  providerTexts: Readonly<Record<string, ProviderTexts>>;
  crosswalk: CrosswalkRow[];
  stream: StreamModel;
}

/** The part of an error schema that says whether it has `details`. */
interface SchemaPart {
  properties?: Record<string, unknown>;
  allOf?: unknown[];
}

/** Path of the bundled spec that @errata/types was generated from. */
export const specPath = require.resolve('@errata/types/openapi.json');

/**
 * Reads the bundled spec.
 *
 * @example
 * const spec = loadSpec();
 * spec.openapi; // '3.1.0'
 */
export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(specPath, 'utf8'));
}

/**
 * Builds the model of the docs from the bundled spec and the generated catalog.
 *
 * @example
 * const model = buildModel(loadSpec());
 * model.entries.find((entry) => entry.code === 'MODEL_NOT_FOUND')?.operations; // ['getModel', 'runModel', …]
 */
export function buildModel(spec: OpenApiDocument): DocsModel {
  const operations = operationErrors(spec);
  const operationsByCode = new Map<string, string[]>();
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
  const entries = errorCodes.map((code): CodeEntry => {
    const definition = specModel.errors.get(code);
    if (!definition) throw new Error(`The bundled spec has no schema for ${code}; rebuild @errata/types`);
    const schema = specModel.resolve<SchemaPart>(specModel.lookup(definition.pointer));
    const example = definition.examples[0];
    return {
      ...catalog[code],
      ...errorTexts[code],
      example: isRecord(example) ? example : {},
      operations: operationsByCode.get(code) ?? [],
      // The envelope allows `details` on every code; a code's own part says when it has some (the
      // envelope is a `$ref` in allOf, deliberately not followed).
      hasDetails: [schema, ...(schema.allOf ?? [])].some(
        (part) => isRecord(part) && isRecord(part.properties) && part.properties.details !== undefined,
      ),
    };
  });

  const unrouted = unroutedCodes(spec).map(catalogCode);
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

/** A code of the bundled spec as a catalog code: @errata/types is generated from the same bundle. */
function catalogCode(code: string): ErrorCode {
  if (!isErrorCode(code))
    throw new Error(`${code} is in the bundled spec but not in the catalog; rebuild @errata/types`);
  return code;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A code's crosswalk, or its texts' provenance, by provider. */
type ByProvider = Partial<Record<ProviderId, readonly DocumentedEntry[]>>;

/**
 * Every crosswalk entry of the catalog as a row, grouped by provider in the order of `providers`,
 * then in catalog order.
 */
function crosswalkRows(): CrosswalkRow[] {
  const rows: CrosswalkRow[] = [];
  for (const provider of Object.keys(providers) as ProviderId[]) {
    for (const code of errorCodes) {
      const crosswalk: ByProvider = catalog[code].crosswalk;
      const sources: ByProvider = errorTexts[code].crosswalkSources;
      // The catalog keeps what matching needs, the texts what the provider documents: one entry, split.
      for (const [i, entry] of (crosswalk[provider] ?? []).entries()) {
        rows.push({ provider, ...entry, ...sources[provider]?.[i], canonical: code, index: i });
      }
    }
  }
  return rows;
}

/**
 * The codes of the catalog grouped by HTTP status, in status order.
 *
 * @example
 * codesByStatus(model.entries)[0]; // { status: 400, codes: ['INVALID_REQUEST', …] }
 */
export function codesByStatus(entries: readonly CodeEntry[]): StatusCodes[] {
  const statuses = [...new Set(entries.map((entry) => entry.status))].sort((a, b) => a - b);
  return statuses.map((status) => ({
    status,
    codes: entries.filter((entry) => entry.status === status).map((entry) => entry.code),
  }));
}
