/**
 * A schema's fields as rows (dotted path, type, required, description), so the docs can show an
 * event's shape as a table read from the spec instead of a hand-written one.
 */
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';

/** The JSON Schema keywords the docs read (the spec's schemas carry more). */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  oneOf?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, unknown>;
  required?: string[];
  title?: string;
  description?: string;
  examples?: unknown[];
}

/** One field of a schema, as a row of its table. */
export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
  /** The variants of a `oneOf` field, unexpanded. */
  oneOf?: unknown[];
}

/**
 * The fields of an object schema, depth first: `data`, then `data.index`, `data.text`… A field
 * whose schema is a `oneOf` is one row that keeps its variants (`oneOf`) for the caller to show;
 * its variants are not expanded.
 *
 * @example
 * schemaFields(spec, tokenEventSchema);
 * // [
 * //   { path: 'event', type: '"token"', required: true, … },
 * //   { path: 'data', type: 'object', … },
 * //   { path: 'data.index', type: 'integer ≥ 0', … },
 * //   …
 * // ]
 */
export function schemaFields(spec: OpenApiDocument, schema: unknown, prefix = ''): FieldRow[] {
  const model = createSpecModel(spec);
  const node = model.resolve<JsonSchema | undefined>(schema) ?? {};
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([name, property]) => {
    const prop = model.resolve<JsonSchema | undefined>(property) ?? {};
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      path,
      type: typeOf(prop),
      required: required.has(name),
      description: prop.description ?? '',
    };
    if (Array.isArray(prop.oneOf)) return [{ ...row, oneOf: prop.oneOf }];
    return [row, ...(prop.properties ? schemaFields(spec, prop, `${path}.`) : [])];
  });
}

/**
 * A property's type in a few characters: a const as its JSON, an enum as its values, bounds kept.
 *
 * @example
 * typeOf({ type: 'integer', minimum: 0 }); // 'integer ≥ 0'
 */
export function typeOf(prop: JsonSchema): string {
  if (prop.const !== undefined) return JSON.stringify(prop.const);
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(prop.oneOf)) return 'one of';
  const type = Array.isArray(prop.type) ? prop.type.join(' | ') : (prop.type ?? 'any');
  const bounds = [];
  if (prop.minimum !== undefined) bounds.push(`≥ ${prop.minimum}`);
  if (prop.maximum !== undefined) bounds.push(`≤ ${prop.maximum}`);
  return [type, ...bounds].join(' ');
}
