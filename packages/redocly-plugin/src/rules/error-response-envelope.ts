import { isErrorSchema, responseErrorSchemas } from '../error-schema.js';
import type { AnySchema, Rule } from '../redocly-types.js';

/** The envelope as JSON, and the same envelope as RFC 9457 problem details (@errata/server's `problemDetails`). */
const ERROR_MEDIA_TYPES = ['application/json', 'application/problem+json'];

/**
 * Every non-2xx response carries the error envelope: JSON whose schema is a `oneOf` of error
 * schemas (each with `x-error`), discriminated on `code`. One shape for every failure is the point;
 * `application/problem+json` may serialise the same envelope too.
 */
const errorResponseEnvelope: Rule = () => ({
  Response: {
    enter(response, ctx) {
      const status = String(ctx.key);
      if (/^[123]/.test(status)) return;
      const mediaTypes = Object.keys(response.content ?? {});
      if (!response.content?.['application/json'] || mediaTypes.some((t) => !ERROR_MEDIA_TYPES.includes(t))) {
        ctx.report({
          message:
            `Error response ${status} must have the media type application/json (the error envelope), ` +
            'and no other but application/problem+json (the same envelope as problem details).',
          location: ctx.location.key(),
        });
        return;
      }
      for (const mediaType of mediaTypes) {
        const { node: schema } = ctx.resolve<AnySchema>(response.content[mediaType]?.schema ?? {});
        if (!schema?.oneOf || schema.discriminator?.propertyName !== 'code') {
          ctx.report({
            message: `Error response ${status} must be a oneOf of error schemas with a discriminator on "code".`,
            location: ctx.location.child(['content', mediaType, 'schema']),
          });
          return;
        }
      }
      for (const { schema: member, index, mediaType } of responseErrorSchemas(response, ctx)) {
        if (!isErrorSchema(member)) {
          ctx.report({
            message:
              `Error response ${status}: oneOf member ${index} is not an error schema ` +
              '(no x-error metadata, not the envelope).',
            location: ctx.location.child(['content', mediaType, 'schema', 'oneOf', index]),
          });
        }
      }
    },
  },
});
export default errorResponseEnvelope;
