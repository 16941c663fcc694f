/**
 * The catalog as the document states it: every component schema with an `x-error` extension is
 * an error code, with its metadata typed from spec/meta/x-error.schema.yaml.
 */
import type { OpenApiDocument } from './document.js';
import { constOf } from './error-schema.js';
import type { XError } from './generated/meta.js';
import { pointerOf } from './pointer.js';

/** One error code as the document defines it. */
export interface ErrorDefinition {
  /** The `code` const of the schema (the component's name when it pins none). */
  code: string;
  meta: XError;
  title: string | undefined;
  description: string | undefined;
  examples: unknown[];
  /** JSON Pointer of the schema: `#/components/schemas/<CODE>`. */
  pointer: string;
}

type SchemaNode = { 'x-error'?: XError; title?: string; description?: string; examples?: unknown[] };

/**
 * Every error code of the document, in internal-code order.
 *
 * @example
 * readCatalog(document).get('MODEL_NOT_FOUND')?.meta.status; // 404
 */
export function readCatalog(document: OpenApiDocument): Map<string, ErrorDefinition> {
  const definitions: ErrorDefinition[] = [];
  for (const [name, node] of Object.entries(document.components?.schemas ?? {})) {
    const schema = node as SchemaNode | undefined;
    const meta = schema?.['x-error'];
    if (!meta) continue;
    const pointer = pointerOf('components', 'schemas', name);
    const code = constOf(document, schema, 'code');
    definitions.push({
      code: typeof code === 'string' ? code : name,
      meta,
      title: schema.title,
      description: schema.description,
      examples: schema.examples ?? [],
      pointer,
    });
  }
  definitions.sort((a, b) => a.meta.internal_code - b.meta.internal_code);
  return new Map(definitions.map((definition) => [definition.code, definition]));
}
