/**
 * Reading schemas by whatever resolver the caller has: the spec model's own (`resolveRef` over a
 * bundled document) or another tool's (Redocly's `ctx.resolve` over split files, in the lint
 * rules). One reading of `allOf` branches, `oneOf` unions and pinned constants (message templates:
 * templates.ts), so the linter and the runtime never disagree about what a schema says.
 */
import { isObject } from './is-object.js';

/** Follows a node's `$ref` (a node without one comes back as it is); `undefined` when it cannot. */
export type ResolveNode = (node: unknown) => unknown;

type SchemaNode = Record<string, unknown> & {
  properties?: Record<string, unknown>;
  allOf?: unknown[];
  oneOf?: unknown[];
  required?: string[];
};

const asSchema = (node: unknown): SchemaNode | undefined => (isObject(node) ? (node as SchemaNode) : undefined);

/**
 * The schema and every `allOf` branch below it, resolved, depth first.
 *
 * @example
 * schemaParts({ allOf: [{ $ref: '#/components/schemas/ErrorEnvelope' }, { properties: {} }] }, resolve).length; // 3
 */
export function schemaParts(schemaOrRef: unknown, resolve: ResolveNode): SchemaNode[] {
  const schema = asSchema(resolve(schemaOrRef));
  if (!schema) return [];
  return [schema, ...(schema.allOf ?? []).flatMap((branch) => schemaParts(branch, resolve))];
}

/**
 * The `const` a schema pins `property` to, on the schema or in an `allOf` branch.
 *
 * @example
 * schemaConst({ $ref: '#/components/schemas/OVERLOADED' }, 'code', resolve); // 'OVERLOADED'
 */
export function schemaConst(schemaOrRef: unknown, property: string, resolve: ResolveNode): unknown {
  for (const part of schemaParts(schemaOrRef, resolve)) {
    const prop = asSchema(resolve(part.properties?.[property]));
    if (prop && 'const' in prop) return prop.const;
  }
  return undefined;
}

/**
 * Every property the schema or one of its `allOf` branches requires.
 *
 * @example
 * requiredProperties({ $ref: '#/components/schemas/RATE_LIMIT_EXCEEDED' }, resolve).has('retry_after'); // true
 */
export function requiredProperties(schemaOrRef: unknown, resolve: ResolveNode): Set<string> {
  return new Set(schemaParts(schemaOrRef, resolve).flatMap((part) => part.required ?? []));
}

/**
 * The error codes a union of error schemas can carry, in order: the `code` const of each `oneOf`
 * member, or of the schema itself when it has no `oneOf`.
 *
 * @example
 * unionCodes({ oneOf: [{ $ref: '#/components/schemas/MODEL_NOT_FOUND' }] }, resolve); // ['MODEL_NOT_FOUND']
 */
export function unionCodes(schemaOrRef: unknown, resolve: ResolveNode): string[] {
  const schema = asSchema(resolve(schemaOrRef));
  const codes: string[] = [];
  for (const member of schema?.oneOf ?? (schema ? [schema] : [])) {
    const code = schemaConst(member, 'code', resolve);
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** One member of a response's error union: the media type, its place in the `oneOf`, the union itself. */
export interface ErrorUnionMember {
  mediaType: string;
  /** Its index in the union's `oneOf` (0 for a schema that is not a union). */
  index: number;
  /** The member as written (a `$ref`, or the schema): resolve it to read it, or to locate it. */
  member: unknown;
  /** The media type's schema, resolved. */
  union: SchemaNode;
  /** The media type's schema as written. */
  schema: unknown;
}

/**
 * Every member of the error unions a response (or a reference to one) declares, media type by
 * media type: each `oneOf` member of its schema, or the schema itself when it has no `oneOf`.
 *
 * @example
 * responseErrorMembers({ $ref: '#/components/responses/ModelNotFound' }, resolve).map((m) => m.index); // [0, 1]
 */
export function responseErrorMembers(response: unknown, resolve: ResolveNode): ErrorUnionMember[] {
  const content = asSchema(resolve(response))?.content;
  const members: ErrorUnionMember[] = [];
  for (const [mediaType, media] of Object.entries(isObject(content) ? content : {})) {
    const schema = isObject(media) ? media.schema : undefined;
    const union = asSchema(resolve(schema));
    if (!union) continue;
    (union.oneOf ?? [schema]).forEach((member, index) => {
      members.push({ mediaType, index, member, union, schema });
    });
  }
  return members;
}
