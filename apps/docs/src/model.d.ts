// The shapes the generator works with. What the spec states is typed by @errata/spec-model (the
// document, operations, crosswalk entries) and @errata/types (the catalog); only the docs' own
// views of them are typed here.
import type { CrosswalkEntry, OpenApiDocument, SpecOperation } from '@errata/spec-model';
import type { CatalogEntry, ErrorCode, ProviderId, providers } from '@errata/types';
import type { errorTexts } from '@errata/types/texts';

/** One error status of an operation and the codes it can carry. */
export interface StatusCodes {
  status: number;
  codes: ErrorCode[];
}

/** An operation as the spec model reads it, with every error it declares, in status order. */
export type OperationErrors = SpecOperation & {
  summary: string;
  errors: StatusCodes[];
};

/** One code with everything its section shows: its catalog entry, texts and usage. */
export type CodeEntry = CatalogEntry & {
  /** The texts of `@errata/types/texts` (`midStreamNote` only for mid-stream codes). */
  [K in keyof (typeof errorTexts)[ErrorCode]]: (typeof errorTexts)[ErrorCode][K];
} & {
  midStreamNote?: string;
  /** The first example body in the code's schema. */
  example: Record<string, unknown>;
  /** Operation ids that can return the code (empty for the unrouted response). */
  operations: string[];
  /** Whether the code's body has `details`. */
  hasDetails: boolean;
};

/** One kind of event of a streamed response. */
export interface StreamEventSchema {
  /** The `event` const: `token`, `done`, `error`. */
  name: string;
  /** The component's name: `TokenEvent`. */
  schemaName: string;
  title: string;
  description: string;
  schema: Record<string, any>;
  /** The schema's first example. */
  example: { event: string; data: any } | undefined;
}

/** A code an `error` event can carry, and what a retry means after partial output. */
export interface MidStreamCode {
  code: ErrorCode;
  retrySafe: boolean;
  note: string;
}

/** The streamed side of the API, read from the spec model's `streamEvents`. */
export interface StreamModel {
  /** Operations whose 2xx response has `text/event-stream` content. */
  operations: SpecOperation[];
  /** The name of the one-event schema (`StreamEvent`) and its description. */
  rootName: string;
  description: string;
  events: StreamEventSchema[];
  /** The error event's codes, in its order. */
  codes: MidStreamCode[];
}

/** A crosswalk entry with its provenance (spec-model's generated type carries both). */
export type CrosswalkMatch = CrosswalkEntry;

/** One crosswalk row: a provider's error, as its docs describe it, and the canonical code. */
export type CrosswalkRow = CrosswalkEntry & {
  provider: ProviderId;
  canonical: ErrorCode;
  /** Its position among the provider's entries for `canonical` (the row's anchor, `rowAnchor`). */
  index: number;
};

/** Everything the pages are built from. */
export interface DocsModel {
  spec: OpenApiDocument;
  docsUrl: string;
  entries: CodeEntry[];
  operations: OperationErrors[];
  /** Codes answered for paths that match no operation (`x-errata.unrouted_response`). */
  unrouted: StatusCodes[];
  providers: typeof providers;
  /** What each provider's documentation leaves open or Errata assumes (@errata/types/texts). */
  providerTexts: typeof import('@errata/types/texts').providerTexts;
  crosswalk: CrosswalkRow[];
  stream: StreamModel;
}
