/**
 * Following local `$ref`s in the bundled spec, which only has `#/components/...` references.
 */

/**
 * Resolves a JSON Pointer reference (`#/components/schemas/X`) against the document.
 *
 * @example
 * resolveRef(spec, '#/components/schemas/MODEL_NOT_FOUND').title; // 'Model not found'
 * @param {Record<string, any>} spec
 * @param {string} ref
 * @returns {any}
 */
export function resolveRef(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
  /** @type {any} */
  let node = spec;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`Unresolvable reference ${ref}`);
    }
    node = node[key];
  }
  return node;
}

/**
 * Follows `$ref` until it reaches an object that is not a reference.
 *
 * @example
 * deref(spec, { $ref: '#/components/responses/ModelNotFound' }).content;
 * @param {Record<string, any>} spec
 * @param {any} node
 * @returns {any}
 */
export function deref(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 32) throw new Error(`Reference cycle at ${current.$ref}`);
    current = resolveRef(spec, current.$ref);
  }
  return current;
}
