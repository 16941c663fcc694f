/**
 * The bundled Errata spec, as `@errata/types` ships it. Everything the suite checks is read from
 * this document, so a server is held to exactly the spec the installed types were built from.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The parts of an OpenAPI 3.1 document the suite reads. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  'x-errata': { docs_url: string; unrouted_response: { $ref: string } };
  [key: string]: unknown;
}

/** The `$id` under which the spec is registered with ajv; every schema pointer is relative to it. */
export const SPEC_ID = 'errata:openapi';

let cached: OpenApiDocument | undefined;

/**
 * The bundled spec (`@errata/types/openapi.json`), loaded once.
 *
 * @example
 * const spec = loadSpec();
 * Object.keys(spec.paths); // ['/v1/models', …]
 */
export function loadSpec(): OpenApiDocument {
  cached ??= require('@errata/types/openapi.json') as OpenApiDocument;
  return cached;
}

/**
 * Follows an internal `$ref` (`#/components/…`) to its target; anything else is returned as is.
 *
 * @example
 * resolveRef(spec, { $ref: '#/components/responses/Unauthorized' }); // the response object
 */
export function resolveRef<T = Record<string, unknown>>(spec: OpenApiDocument, node: unknown): T {
  let current = node as Record<string, unknown>;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    current = lookupPointer(spec, current.$ref) as Record<string, unknown>;
  }
  return current as T;
}

/** The value at a JSON Pointer fragment (`#/a/b~1c`) of the spec. */
export function lookupPointer(spec: OpenApiDocument, pointer: string): unknown {
  if (!pointer.startsWith('#/')) throw new Error(`Only internal $refs are supported: ${pointer}`);
  let value: unknown = spec;
  for (const raw of pointer.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    value = (value as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) throw new Error(`Unresolvable pointer ${pointer}`);
  }
  return value;
}

/** Escapes one JSON Pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
