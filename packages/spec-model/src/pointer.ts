/**
 * JSON Pointers into the document (RFC 6901, as `$ref` fragments: `#/paths/~1v1~1models/get`).
 */
import { SpecModelError } from './spec-model-error.js';

/**
 * Escapes one segment of a JSON Pointer.
 *
 * @example
 * escapePointer('/v1/models'); // '~1v1~1models'
 */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A pointer from its segments.
 *
 * @example
 * pointerOf('paths', '/v1/models', 'get'); // '#/paths/~1v1~1models/get'
 */
export function pointerOf(...segments: (string | number)[]): string {
  return `#/${segments.map((segment) => escapePointer(String(segment))).join('/')}`;
}

/**
 * The value at a pointer; throws {@link SpecModelError} when the pointer leaves the document or
 * names nothing.
 *
 * @example
 * lookupPointer(document, '#/components/schemas/MODEL_NOT_FOUND'); // the schema object
 */
export function lookupPointer(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) {
    throw new SpecModelError(
      'external',
      pointer,
      `Only references inside the document are supported, got ${pointer}: bundle the spec first`,
    );
  }
  if (pointer === '#' || pointer === '#/') return document;
  let value: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw new SpecModelError('unresolvable', pointer, `Unresolvable pointer ${pointer}: no "${key}"`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
