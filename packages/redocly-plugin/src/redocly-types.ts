// The Redocly plugin API as the rules use it: Redocly's own types from @redocly/openapi-core (a
// dev dependency, imported as types only and erased by the build, so the published plugin needs
// nothing from it at run time), plus what the rules read of Errata's extensions. The full shapes
// of those are spec/meta/*.schema.yaml, which errata/error-metadata validates with ajv; the other
// rules also run on documents that fail it, so every field here is optional.
import type { Oas3_1Definition, Oas3_1Schema, Oas3Schema, Oas3Visitor, UserContext } from '@redocly/openapi-core';

export type {
  Location,
  NodeType,
  Oas3Response,
  Plugin,
  RuleConfig,
} from '@redocly/openapi-core';

/** A rule: its options from redocly.yaml in (all optional), a visitor out. */
export type Rule<Options extends object = Record<string, unknown>> = (options?: Options) => Oas3Visitor;

/** What the helpers need of a visitor's context: resolving `$ref`s. */
export type Resolver = Pick<UserContext, 'resolve'>;

/** A schema as Redocly's `Schema` visitor hands it over: OpenAPI 3.0 or 3.1. */
export type AnySchema = Oas3Schema | Oas3_1Schema;

/** One crosswalk entry: how a provider's error is recognised, and where that is documented. */
interface CrosswalkEntry {
  code?: string;
  internal_code?: number | string;
  type?: string;
  reason?: string;
  reason_pattern?: string;
  status?: number;
  message_pattern?: string;
  message?: string;
  description?: string;
  generic?: boolean;
  message_params?: string;
  source?: string;
}

/** What the rules read of an `x-error` object. */
interface ErrorMeta {
  status?: number;
  internal_code?: number;
  category?: string;
  retry?: string;
  message?: string;
  mid_stream?: { retry_safe?: boolean; note?: string };
  crosswalk?: Record<string, CrosswalkEntry[] | undefined>;
  [key: string]: unknown;
}

/** An example of an error body, as error-metadata compares it with the metadata. */
export interface ErrorExample {
  code?: unknown;
  status?: unknown;
  category?: unknown;
  retry?: unknown;
  doc_url?: unknown;
  details?: Record<string, unknown>;
}

/** An error schema: a schema carrying `x-error` (OpenAPI 3.1 keywords: `const`, `then`, `examples`). */
export type ErrorSchema = Oas3_1Schema & { 'x-error': ErrorMeta };

/** A declared provider, as far as crosswalk sources are checked against it. */
export interface ProviderMeta {
  documents?: Record<string, unknown>;
}

/** The root document with Errata's `x-errata` extension (docs URL, providers). */
export type ErrataRoot = Oas3_1Definition & {
  'x-errata'?: { docs_url?: string; providers?: Record<string, ProviderMeta> };
};

/**
 * The schema as the rules read it. They check OpenAPI 3.1 documents: in a 3.0 one the 3.1
 * keywords (`const`, `then`, `examples`) are simply absent, which every rule treats as unset.
 *
 * @example
 * as31(schema).const // undefined in an OpenAPI 3.0 document
 */
export const as31 = (schema: AnySchema): Oas3_1Schema => schema as Oas3_1Schema;

/**
 * Whether a schema example is an object, the only kind that can be an error body.
 *
 * @example
 * [{ code: 'X' }, 'text'].filter(isExampleObject) // [{ code: 'X' }]
 */
export const isExampleObject = (example: unknown): example is ErrorExample =>
  typeof example === 'object' && example !== null;
