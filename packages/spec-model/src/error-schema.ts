/**
 * Reading an error schema: its `code` and `status` consts (on the schema or in an `allOf`
 * branch), and the codes a response can carry (each member of its `oneOf`).
 */
import { isJsonMediaType } from './document.js';
import { resolveRef } from './resolve.js';
import { schemaConst, unionCodes } from './schema-readers.js';

/**
 * The `const` a schema pins `property` to, looking through `allOf` (refs resolved).
 *
 * @example
 * constOf(document, { $ref: '#/components/schemas/OVERLOADED' }, 'code'); // 'OVERLOADED'
 */
export function constOf(document: unknown, schemaOrRef: unknown, property: string): unknown {
  return schemaConst(schemaOrRef, property, (node) => resolveRef(document, node));
}

/**
 * The error codes a response object (or a reference to one) can carry, in spec order: the `code`
 * const of each `oneOf` member of its JSON schema, or of the schema itself when it has no `oneOf`.
 *
 * @example
 * responseCodes(document, { $ref: '#/components/responses/ModelNotFound' }); // ['MODEL_NOT_FOUND']
 */
export function responseCodes(document: unknown, response: unknown): string[] {
  const resolve = (node: unknown) => resolveRef(document, node);
  const resolved = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(document, response);
  const codes: string[] = [];
  for (const [mediaType, media] of Object.entries(resolved?.content ?? {})) {
    if (!isJsonMediaType(mediaType) || media?.schema === undefined) continue;
    for (const code of unionCodes(media.schema, resolve)) if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}
