import { constOf, isErrorSchema, responseErrorSchemas } from '../error-schema.js';
import type { Rule } from '../redocly-types.js';

/** An error schema listed under status N says status N, in its metadata and in its `status` constant. */
const errorStatusMatches: Rule = () => ({
  Response: {
    enter(response, ctx) {
      const status = Number(ctx.key);
      if (!Number.isInteger(status) || status < 400) return;
      for (const { schema, index } of responseErrorSchemas(response, ctx)) {
        if (!isErrorSchema(schema)) continue;
        const code = constOf(schema, ctx, 'code') ?? schema.title;
        const declared = schema['x-error'].status;
        const pinned = constOf(schema, ctx, 'status');
        if (declared !== status || pinned !== status) {
          ctx.report({
            message:
              `${code} is listed under ${status} but its x-error.status is ${declared} ` +
              `and its status constant is ${pinned}.`,
            location: ctx.location.child(['content', 'application/json', 'schema', 'oneOf', index]),
          });
        }
      }
    },
  },
});
export default errorStatusMatches;
