/**
 * The parts of an OpenAPI 3.1 document the model reads. Deliberately loose (any document may be
 * handed in); the model checks what it relies on as it reads.
 */
export interface OpenApiDocument {
  openapi: string;
  info?: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  /** Errata's root extension: where the catalog lives, the response for unrouted paths, providers. */
  'x-errata'?: {
    docs_url?: string;
    unrouted_response?: unknown;
    providers?: unknown;
  };
  [key: string]: unknown;
}

/** The HTTP methods an OpenAPI 3.1 path item may hold, in the order the specification lists them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/** JSON and `+json` media types carry error envelopes. */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}
