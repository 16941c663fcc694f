// Reading an error schema as the rules see it: `x-error` metadata on the schema, the `code` and
// `status` constants in its `allOf` branch. Shared by the rules so each one stays about one check.
import type { Oas3_1Schema } from '@redocly/openapi-core';
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

/** The schema itself and every (resolved) `allOf` branch, depth first. */
export function schemaParts(schema: AnySchema, ctx: Resolver): Oas3_1Schema[] {
  const parts = [schema as Oas3_1Schema];
  for (const branch of schema.allOf ?? []) {
    const { node } = ctx.resolve<AnySchema>(branch);
    if (node) parts.push(...schemaParts(node, ctx));
  }
  return parts;
}

/** The `const` a schema pins a property to, looking through `allOf`. */
export function constOf(schema: AnySchema, ctx: Resolver, property: string): unknown {
  for (const part of schemaParts(schema, ctx)) {
    const prop = part.properties?.[property];
    if (!prop) continue;
    const { node } = ctx.resolve<Oas3_1Schema>(prop);
    if (node && 'const' in node) return node.const;
  }
  return undefined;
}

/** Every property the schema (or one of its `allOf` branches) requires. */
export function requiredOf(schema: AnySchema, ctx: Resolver): Set<string> {
  return new Set(schemaParts(schema, ctx).flatMap((part) => part.required ?? []));
}

/** One member of a response's error union, resolved. */
export interface ResponseErrorSchema {
  mediaType: string;
  schema: AnySchema | undefined;
  location: Location | undefined;
  index: number;
  container: AnySchema;
}

/** The error schemas a response can carry, resolved, with their locations. */
export function responseErrorSchemas(response: Oas3Response<AnySchema>, ctx: Resolver): ResponseErrorSchema[] {
  const out: ResponseErrorSchema[] = [];
  for (const [mediaType, media] of Object.entries(response.content ?? {})) {
    const { node: schema, location } = ctx.resolve<AnySchema>(media.schema ?? {});
    if (!schema) continue;
    const members = schema.oneOf ?? [media.schema ?? {}];
    members.forEach((member, i) => {
      const resolved = ctx.resolve<AnySchema>(member);
      out.push({
        mediaType,
        schema: resolved.node,
        location: resolved.location ?? location,
        index: i,
        container: schema,
      });
    });
  }
  return out;
}
