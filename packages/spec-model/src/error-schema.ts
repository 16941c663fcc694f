/**
 * Reading an error schema: its `code` and `status` consts (on the schema or in an `allOf`
 * branch), and the codes a response can carry (each member of its `oneOf`).
 */
import { isJsonMediaType } from './document.js';
import { resolveRef } from './resolve.js';

type SchemaNode = { properties?: Record<string, unknown>; allOf?: unknown[]; oneOf?: unknown[] };

/**
 * The `const` a schema pins `property` to, looking through `allOf` (refs resolved).
 *
 * @example
 * constOf(document, { $ref: '#/components/schemas/OVERLOADED' }, 'code'); // 'OVERLOADED'
 */
export function constOf(document: unknown, schemaOrRef: unknown, property: string): unknown {
  const schema = resolveRef<SchemaNode | undefined>(document, schemaOrRef);
  if (!schema || typeof schema !== 'object') return undefined;
  const prop = resolveRef<{ const?: unknown } | undefined>(document, schema.properties?.[property]);
  if (prop && typeof prop === 'object' && 'const' in prop) return prop.const;
  for (const branch of schema.allOf ?? []) {
    const found = constOf(document, branch, property);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The error codes a response object (or a reference to one) can carry, in spec order: the `code`
 * const of each `oneOf` member of its JSON schema, or of the schema itself when it has no `oneOf`.
 *
 * @example
 * responseCodes(document, { $ref: '#/components/responses/ModelNotFound' }); // ['MODEL_NOT_FOUND']
 */
export function responseCodes(document: unknown, response: unknown): string[] {
  const resolved = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(document, response);
  const codes: string[] = [];
  for (const [mediaType, media] of Object.entries(resolved?.content ?? {})) {
    if (!isJsonMediaType(mediaType) || media?.schema === undefined) continue;
    const schema = resolveRef<SchemaNode>(document, media.schema);
    for (const member of schema?.oneOf ?? [schema]) {
      const code = constOf(document, member, 'code');
      if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}
