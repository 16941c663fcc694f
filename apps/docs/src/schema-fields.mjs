/**
 * A schema's fields as rows (dotted path, type, required, description), so the docs can show an
 * event's shape as a table read from the spec instead of a hand-written one.
 */
import { createSpecModel } from '@errata/spec-model';

/**
 * @typedef {{ path: string, type: string, required: boolean, description: string, oneOf?: any[] }} FieldRow
 */

/**
 * The fields of an object schema, depth first: `data`, then `data.index`, `data.text`… A field
 * whose schema is a `oneOf` is one row that keeps its variants (`oneOf`) for the caller to show;
 * its variants are not expanded.
 *
 * @example
 * schemaFields(spec, tokenEventSchema);
 * // [{ path: 'event', type: '"token"', required: true, … }, { path: 'data', type: 'object', … }, { path: 'data.index', type: 'integer ≥ 0', … }, …]
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {any} schema
 * @param {string} [prefix]
 * @returns {FieldRow[]}
 */
export function schemaFields(spec, schema, prefix = '') {
  const model = createSpecModel(spec);
  const node = /** @type {any} */ (model.resolve(schema)) ?? {};
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([name, property]) => {
    const prop = /** @type {any} */ (model.resolve(property)) ?? {};
    const path = `${prefix}${name}`;
    /** @type {FieldRow} */
    const row = { path, type: typeOf(prop), required: required.has(name), description: prop.description ?? '' };
    if (Array.isArray(prop.oneOf)) return [{ ...row, oneOf: prop.oneOf }];
    return [row, ...(prop.properties ? schemaFields(spec, prop, `${path}.`) : [])];
  });
}

/**
 * A property's type in a few characters: a const as its JSON, an enum as its values, bounds kept.
 *
 * @example
 * typeOf({ type: 'integer', minimum: 0 }); // 'integer ≥ 0'
 * @param {any} prop
 * @returns {string}
 */
export function typeOf(prop) {
  if (prop.const !== undefined) return JSON.stringify(prop.const);
  if (Array.isArray(prop.enum)) return prop.enum.map((/** @type {unknown} */ v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(prop.oneOf)) return 'one of';
  const type = Array.isArray(prop.type) ? prop.type.join(' | ') : (prop.type ?? 'any');
  const bounds = [];
  if (prop.minimum !== undefined) bounds.push(`≥ ${prop.minimum}`);
  if (prop.maximum !== undefined) bounds.push(`≤ ${prop.maximum}`);
  return [type, ...bounds].join(' ');
}
