/**
 * Reading an error schema: its `code` and `status` consts (on the schema or in an `allOf`
 * branch), and the codes a response can carry (each member of its `oneOf`).
 */
import { isJsonMediaType } from './document.js';
import { resolveRef } from './resolve.js';
import { responseErrorMembers, schemaConst } from './schema-readers.js';

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
  const codes: string[] = [];
  for (const { mediaType, member } of responseErrorMembers(response, resolve)) {
    const code = isJsonMediaType(mediaType) ? schemaConst(member, 'code', resolve) : undefined;
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
  }
  return codes;
}
