// Reading an error schema as the rules see it: `x-error` metadata on the schema, the `code` and
// `status` constants in its `allOf` branch. Shared by the rules so each one stays about one check.

/**
 * Whether a schema comes from the installed @errata/spec (the shared catalog), not from the
 * document's own files: its examples link to Errata's docs, and a team's namespace options do not
 * apply to it.
 *
 * @example
 * isCatalogSource('/app/node_modules/@errata/spec/components/schemas/errors/MODEL_NOT_FOUND.yaml') // true
 */
export function isCatalogSource(ref) {
  return /[\\/]node_modules[\\/]@errata[\\/]spec[\\/]/.test(ref);
}

export function isErrorSchema(schema) {
  return Boolean(schema && typeof schema === 'object' && schema['x-error']);
}

/** The schema itself and every (resolved) `allOf` branch, depth first. */
export function schemaParts(schema, ctx) {
  const parts = [schema];
  for (const branch of schema.allOf ?? []) {
    const { node } = ctx.resolve(branch);
    if (node) parts.push(...schemaParts(node, ctx));
  }
  return parts;
}

/** The `const` a schema pins a property to, looking through `allOf`. */
export function constOf(schema, ctx, property) {
  for (const part of schemaParts(schema, ctx)) {
    const prop = part.properties?.[property];
    if (!prop) continue;
    const { node } = ctx.resolve(prop);
    if (node && 'const' in node) return node.const;
  }
  return undefined;
}

export function requiredOf(schema, ctx) {
  return new Set(schemaParts(schema, ctx).flatMap((part) => part.required ?? []));
}

/** The error schemas a response can carry, resolved, with their locations. */
export function responseErrorSchemas(response, ctx) {
  const out = [];
  for (const [mediaType, media] of Object.entries(response.content ?? {})) {
    const { node: schema, location } = ctx.resolve(media.schema ?? {});
    if (!schema) continue;
    const members = schema.oneOf ?? [media.schema];
    members.forEach((member, i) => {
      const resolved = ctx.resolve(member);
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
