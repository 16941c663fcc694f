/**
 * Following `$ref` chains: the one resolver every reader of the spec uses.
 */
import { lookupPointer } from './pointer.js';
import { SpecModelError } from './spec-model-error.js';

/** How many `$ref`s one chain may follow before it is reported as too deep. */
export const MAX_REF_DEPTH = 64;

function refOf(node: unknown): string | undefined {
  const ref = node !== null && typeof node === 'object' ? (node as { $ref?: unknown }).$ref : undefined;
  return typeof ref === 'string' ? ref : undefined;
}

/**
 * Follows `node`'s `$ref` chain to the first object that is not a reference. A cycle, a chain
 * longer than {@link MAX_REF_DEPTH}, a pointer that names nothing or one that leaves the document
 * throws {@link SpecModelError}; a node without `$ref` is returned as it is.
 *
 * @example
 * resolveRef(document, { $ref: '#/components/responses/Unauthorized' }).content;
 */
export function resolveRef<T = unknown>(document: unknown, node: unknown): T {
  let current = node;
  const seen: string[] = [];
  for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
    if (seen.includes(ref)) throw new SpecModelError('cycle', ref, `$ref cycle: ${[...seen, ref].join(' → ')}`);
    if (seen.length >= MAX_REF_DEPTH)
      throw new SpecModelError('too-deep', ref, `$ref chain longer than ${MAX_REF_DEPTH} at ${ref}`);
    seen.push(ref);
    current = lookupPointer(document, ref);
  }
  return current as T;
}

/**
 * The pointer a node stands for: its `$ref` when it has one, else where it was found.
 *
 * @example
 * pointerFor({ $ref: '#/components/headers/X-Request-Id' }, '#/paths/…'); // '#/components/headers/X-Request-Id'
 */
export function pointerFor(node: unknown, foundAt: string): string {
  return refOf(node) ?? foundAt;
}
