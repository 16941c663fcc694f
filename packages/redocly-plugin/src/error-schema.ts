// Reading an error schema as the rules see it: `x-error` metadata on the schema, the `code` and
// `status` constants in its `allOf` branch. Shared by the rules so each one stays about one check.
import { type ResolveNode, responseErrorMembers, schemaConst } from '@errata/spec-model';
import type { AnySchema, ErrorSchema, Location, Oas3Response, Resolver } from './redocly-types.js';

/**
 * Whether a schema comes from the installed @errata/spec (the shared catalog), not from the
 * document's own files: its examples link to Errata's docs, and a team's namespace options do not
 * apply to it.
 *
 * @example
 * isCatalogSource('/app/node_modules/@errata/spec/components/schemas/errors/MODEL_NOT_FOUND.yaml') // true
 */
export function isCatalogSource(ref: string): boolean {
  return /[\\/]node_modules[\\/]@errata[\\/]spec[\\/]/.test(ref);
}

/**
 * Whether a schema carries `x-error` metadata (an object), which makes it an error schema.
 *
 * @example
 * isErrorSchema({ 'x-error': { status: 404 } }) // true
 */
export function isErrorSchema(schema: unknown): schema is ErrorSchema {
  if (!schema || typeof schema !== 'object' || !('x-error' in schema)) return false;
  const meta = schema['x-error'];
  return Boolean(meta) && typeof meta === 'object';
}

/**
 * Redocly's resolver as `@errata/spec-model`'s schema readers take it, so that the rules read
 * `allOf` branches, pinned constants and templates exactly as the runtime does.
 *
 * @example
 * schemaConst(schema, 'code', resolverOf(ctx)); // 'MODEL_NOT_FOUND'
 */
export const resolverOf =
  (ctx: Resolver): ResolveNode =>
  (node) =>
    ctx.resolve(node ?? {}).node;

/**
 * The `const` a schema pins `property` to, through `allOf`: spec-model's `schemaConst` with Redocly's resolver.
 *
 * @example
 * constOf(schema, ctx, 'code'); // 'MODEL_NOT_FOUND'
 */
export const constOf = (schema: unknown, ctx: Resolver, property: string): unknown =>
  schemaConst(schema, property, resolverOf(ctx));

/** One member of a response's error union, resolved. */
export interface ResponseErrorSchema {
  mediaType: string;
  schema: AnySchema | undefined;
  location: Location | undefined;
  index: number;
  container: AnySchema;
}

/**
 * The error schemas a response can carry, resolved, with their locations: spec-model's
 * `responseErrorMembers` read through Redocly's resolver, which also says where each one is.
 *
 * @example
 * responseErrorSchemas(response, ctx).map((m) => constOf(m.schema, ctx, 'code')); // ['MODEL_NOT_FOUND', …]
 */
export function responseErrorSchemas(response: Oas3Response<AnySchema>, ctx: Resolver): ResponseErrorSchema[] {
  return responseErrorMembers(response, resolverOf(ctx)).map(({ mediaType, index, member, union, schema }) => {
    const resolved = ctx.resolve<AnySchema>(member as AnySchema);
    return {
      mediaType,
      schema: resolved.node,
      location: resolved.location ?? ctx.resolve<AnySchema>(schema as AnySchema).location,
      index,
      container: union as AnySchema,
    };
  });
}
