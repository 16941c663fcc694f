import { isErrorSchema, responseErrorSchemas } from '../error-schema.js';
import type { AnySchema, Rule } from '../redocly-types.js';

/**
 * Every non-2xx response carries the error envelope: JSON whose schema is a `oneOf` of error
 * schemas (each with `x-error`), discriminated on `code`. One shape for every failure is the point.
 */
const errorResponseEnvelope: Rule = () => ({
  Response: {
    enter(response, ctx) {
      const status = String(ctx.key);
      if (/^[123]/.test(status)) return;
      const mediaTypes = Object.keys(response.content ?? {});
      const json = response.content?.['application/json'];
      if (mediaTypes.length !== 1 || !json) {
        ctx.report({
          message: `Error response ${status} must have exactly one media type, application/json (the error envelope).`,
          location: ctx.location.key(),
        });
        return;
      }
      const { node: schema } = ctx.resolve<AnySchema>(json.schema ?? {});
      if (!schema?.oneOf || schema.discriminator?.propertyName !== 'code') {
        ctx.report({
          message: `Error response ${status} must be a oneOf of error schemas with a discriminator on "code".`,
          location: ctx.location.child(['content', 'application/json', 'schema']),
        });
        return;
      }
      for (const { schema: member, index } of responseErrorSchemas(response, ctx)) {
        if (!isErrorSchema(member)) {
          ctx.report({
            message:
              `Error response ${status}: oneOf member ${index} is not an error schema ` +
              '(no x-error metadata, not the envelope).',
            location: ctx.location.child(['content', 'application/json', 'schema', 'oneOf', index]),
          });
        }
      }
    },
  },
});
export default errorResponseEnvelope;
