// A request body for an operation whose spec gives none: the media type's examples first, else one
// built from the schema — each property's own `example`, `examples` or `default`, else a value its
// type and bounds allow. Adopters' specs often carry property examples but no request example; the
// suite must still be able to send a valid request, and say where the body came from.
import type { SpecModel, SpecOperation } from '@errata/spec-model';

type Schema = {
  $ref?: string;
  contentMediaType?: string;
  contentEncoding?: string;
  type?: string | string[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, unknown>;
  required?: string[];
  items?: unknown;
  allOf?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
};

/** Where a probe's body came from, as the report says it. */
export type BodySource = 'example' | 'schema';

const FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  email: 'probe@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/**
 * A value the schema allows, preferring what its author wrote (example, default) to what its type
 * allows. `undefined` when it recurses too deep.
 *
 * @example
 * sampleOf(model, { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 1 } } }); // { n: 1 }
 */
function sampleOf(model: SpecModel, node: unknown, depth = 0): unknown {
  if (depth > 8) return undefined;
  const schema = model.resolve<Schema>(node);
  if (!schema || typeof schema !== 'object') return undefined;
  for (const authored of [schema.const, schema.example, schema.examples?.[0], schema.default, schema.enum?.[0]])
    if (authored !== undefined) return authored;
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => sampleOf(model, part, depth + 1));
    if (parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)))
      return Object.assign({}, ...parts, objectOf(model, schema, depth));
    return parts.find((p) => p !== undefined);
  }
  const choice = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (choice !== undefined) return sampleOf(model, choice, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object':
      return objectOf(model, schema, depth);
    case 'array': {
      const item = sampleOf(model, schema.items ?? {}, depth + 1);
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => item);
    }
    case 'string':
      return (schema.format && FORMATS[schema.format]) ?? 'probe'.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
      return low ?? Math.min(1, schema.maximum ?? 1);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

// Required properties, and the optional ones whose author gave an example (they show a real request).
function objectOf(model: SpecModel, schema: Schema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const resolved = model.resolve<Schema>(property);
    const shown = resolved?.example !== undefined || resolved?.examples !== undefined;
    if (!schema.required?.includes(name) && !shown) continue;
    const value = sampleOf(model, property, depth + 1);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The body a probe of `operation` sends: the media type's first example (`examples` or `example`),
 * else one built from its schema.
 *
 * @example
 * requestBodyOf(model, model.operation('createEmbedding')!); // { body: { model: 'm', input: ['Hi'] }, from: 'schema' }
 */
export function requestBodyOf(model: SpecModel, operation: SpecOperation): { body: unknown; from: BodySource } {
  const request = operation.requestBody!;
  if (request.examples.length) return { body: request.examples[0], from: 'example' };
  const media = model.lookup(request.schemaPointer.replace(/\/schema$/, '')) as { example?: unknown };
  if (media.example !== undefined) return { body: media.example, from: 'example' };
  return { body: sampleOf(model, model.lookup(request.schemaPointer)), from: 'schema' };
}

/** A form field's value as a probe sends it: text, or a small file. */
type FormValue = string | { file: Blob; name: string };

/** Whether a form property is a file: binary by its format, its media type or its encoding (OAS 3.0 and 3.1). */
const isFile = (schema: Schema | undefined) =>
  schema?.format === 'binary' ||
  schema?.format === 'byte' ||
  schema?.contentMediaType !== undefined ||
  schema?.contentEncoding !== undefined;

/**
 * The fields of a multipart form for `operation`, from its schema: a small JSON file (`probe.json`,
 * `{}`) for each binary field, a value its schema allows (as for JSON bodies) for each other one.
 *
 * @example
 * formFieldsOf(model, model.operation('uploadFile')!);
 * // [['file', { file: Blob, name: 'probe.json' }], ['purpose', 'finetune']]
 */
export function formFieldsOf(model: SpecModel, operation: SpecOperation): [string, FormValue][] {
  const schema = model.resolve<Schema>(model.lookup(operation.requestBody!.schemaPointer));
  const fields: [string, FormValue][] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const resolved = model.resolve<Schema>(property);
    if (isFile(resolved)) {
      const type = resolved.contentMediaType ?? 'application/json';
      fields.push([name, { file: new Blob(['{}'], { type }), name: 'probe.json' }]);
      continue;
    }
    if (!schema.required?.includes(name) && resolved?.example === undefined) continue;
    const value = sampleOf(model, property);
    if (value !== undefined) fields.push([name, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return fields;
}

/**
 * A `FormData` of `fields`, fresh for each request.
 *
 * @example
 * formOf(formFieldsOf(model, upload).filter(([name]) => name !== 'file')); // the form without its file
 */
export function formOf(fields: [string, FormValue][]): FormData {
  const form = new FormData();
  for (const [name, value] of fields)
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value.file, value.name);
  return form;
}
