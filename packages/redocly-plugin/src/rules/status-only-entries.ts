import { isErrorSchema } from '../error-schema.js';
import type { Rule } from '../redocly-types.js';

// The keys a crosswalk entry matches on besides the status.
const IDENTIFYING = ['code', 'internal_code', 'type', 'reason', 'reason_pattern', 'message_pattern'] as const;

/**
 * A crosswalk entry that matches on `status` alone says "every error of this status from this
 * provider means this code": it must carry the provider's own words that justify it (`message` or
 * `description`, quoted from the source), or be marked `generic: true` (the provider's catch-all
 * for that status). `generic` marks status-only entries only: an entry with a code, type or
 * pattern is specific by what it matches.
 *
 * @example
 * // bad:  crosswalk: { bedrock: [{ status: 403, name: 'Forbidden' }] }
 * // good: crosswalk: { bedrock: [{ status: 403, name: 'Forbidden', description: 'The request was denied …' }] }
 */
const statusOnlyEntries: Rule = () => ({
  Schema: {
    enter(schema, ctx) {
      if (!isErrorSchema(schema)) return;
      for (const [provider, entries] of Object.entries(schema['x-error'].crosswalk ?? {})) {
        (Array.isArray(entries) ? entries : []).forEach((entry, i) => {
          const statusOnly = entry.status !== undefined && IDENTIFYING.every((key) => entry[key] === undefined);
          const location = ctx.location.child(['x-error', 'crosswalk', provider, i]);
          if (statusOnly && !entry.message && !entry.description && entry.generic !== true)
            ctx.report({
              message:
                `The ${provider} entry that matches status ${entry.status} alone needs the provider's words for it ` +
                '(`message` or `description`) or `generic: true`.',
              location,
            });
          if (!statusOnly && entry.generic === true)
            ctx.report({
              message: `Only an entry that matches on status alone can be generic (${provider}).`,
              location,
            });
        });
      }
    },
  },
});

export default statusOnlyEntries;
