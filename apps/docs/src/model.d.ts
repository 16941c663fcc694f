// The shapes the generator works with. The spec itself is typed loosely (it is JSON read at build
// time); everything derived from it is typed here.
import type { ErrorCategory, ErrorCode, ProviderId, RetryPolicy, providers } from '@errata/types';

/** The bundled OpenAPI document, as far as the docs read it. */
export type OpenApiDocument = Record<string, any> & {
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
};

/** One error status of an operation and the codes it can carry. */
export interface StatusCodes {
  status: number;
  codes: ErrorCode[];
}

/** An operation and every error it declares, in status order. */
export interface OperationErrors {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  errors: StatusCodes[];
}

/**
 * A provider's documented error (x-error.crosswalk, described by spec/meta/x-error.schema.yaml):
 * how it is recognised (every matching key it sets must match) and what the provider says of it.
 */
export interface CrosswalkMatch {
  code?: string;
  internal_code?: number;
  status?: number;
  message_pattern?: string;
  name?: string;
  field?: string;
  message_params?: string;
  /** Provenance, from @errata/types/texts: what the provider documents and what Errata assumed. */
  message?: string;
  description?: string;
  source?: string;
  inferred?: readonly ('message_pattern' | 'mapping')[];
  note?: string;
}

/** One code with everything its section shows: its catalog entry, texts and usage. */
export interface CodeEntry {
  code: ErrorCode;
  status: number;
  internalCode: number;
  category: ErrorCategory;
  retry: RetryPolicy;
  title: string;
  docUrl: string;
  crosswalk: Partial<Record<ProviderId, readonly CrosswalkMatch[]>>;
  message: string;
  description: string;
  remedy: string;
  /** The first example body in the code's schema. */
  example: Record<string, unknown>;
  /** Operation ids that can return the code (empty for the unrouted response). */
  operations: string[];
  /** Whether the code's body has `details`. */
  hasDetails: boolean;
  /** Set when the code can end a stream after its first byte (`x-error.mid_stream`). */
  midStream: { readonly retrySafe: boolean } | null;
  /** What a retry means once partial output was delivered (mid-stream codes only). */
  midStreamNote?: string;
  /** Per provider, entry by entry: what the provider documents about each crosswalk entry. */
  crosswalkSources?: Partial<Record<string, readonly CrosswalkMatch[]>>;
}

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

/** The streamed side of the API, read from the spec. */
export interface StreamModel {
  /** Operations whose 2xx response has `text/event-stream` content. */
  operations: { operationId: string; method: string; path: string }[];
  /** The name of the one-event schema (`StreamEvent`) and its description. */
  rootName: string;
  description: string;
  events: StreamEventSchema[];
  /** The error event's `data.oneOf`, in its order. */
  codes: MidStreamCode[];
}

/** One crosswalk row: a provider's error, as its docs describe it, and the canonical code. */
export interface CrosswalkRow extends CrosswalkMatch {
  provider: ProviderId;
  canonical: ErrorCode;
}

/** Everything the pages are built from. */
export interface DocsModel {
  spec: OpenApiDocument;
  docsUrl: string;
  entries: CodeEntry[];
  operations: OperationErrors[];
  /** Codes answered for paths that match no operation (`x-errata.unrouted_response`). */
  unrouted: StatusCodes[];
  providers: typeof providers;
  crosswalk: CrosswalkRow[];
  /** What each provider's documentation leaves open or Errata assumes (@errata/types/texts). */
  providerTexts: typeof import('@errata/types/texts').providerTexts;
  stream: StreamModel;
}
