import { constOf, isErrorSchema } from '../error-schema.js';
import { type AnySchema, as31, type Location, type Rule } from '../redocly-types.js';

/**
 * A stream's error event carries exactly the codes whose metadata says they can happen mid-stream
 * (`x-error.mid_stream`), so the catalog, the event schema and the docs agree on what a client
 * must handle after the first byte.
 */
const streamErrorCodes: Rule = () => {
  const midStream = new Map<unknown, Location>(); // code → location of its x-error
  const inEvents = new Map<unknown, Location>(); // code → location in an error event
  const visited = new Set<string>();
  return {
    Schema: {
      enter(schema, ctx) {
        const where = `${ctx.location.source.absoluteRef}#${ctx.location.pointer}`;
        if (visited.has(where)) return;
        visited.add(where);
        if (isErrorSchema(schema) && schema['x-error'].mid_stream)
          midStream.set(constOf(schema, ctx, 'code'), ctx.location.child(['x-error', 'mid_stream']));
        const properties = as31(schema).properties;
        const event = properties?.event;
        if (!event || !('const' in event) || event.const !== 'error') return;
        const { node: data } = ctx.resolve<AnySchema>(properties.data ?? {});
        (data?.oneOf ?? []).forEach((member, i) => {
          const { node } = ctx.resolve<AnySchema>(member);
          inEvents.set(
            node ? constOf(node, ctx, 'code') : undefined,
            ctx.location.child(['properties', 'data', 'oneOf', i]),
          );
        });
      },
    },
    Root: {
      leave(_root, ctx) {
        if (!inEvents.size) return;
        for (const [code, location] of inEvents) {
          if (!midStream.has(code))
            ctx.report({ message: `${code} is in a stream error event but its x-error has no mid_stream.`, location });
        }
        for (const [code, location] of midStream) {
          if (!inEvents.has(code))
            ctx.report({
              message: `${code} says it can happen mid-stream but no stream error event lists it.`,
              location,
            });
        }
      },
    },
  };
};
export default streamErrorCodes;
