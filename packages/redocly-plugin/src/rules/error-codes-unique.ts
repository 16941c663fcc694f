import { constOf, isCatalogSource, isErrorSchema } from '../error-schema.js';
import type { Location, Rule } from '../redocly-types.js';

/** The options of errata/error-codes-unique, for error schemas not shipped by @errata/spec. */
interface ErrorCodesUniqueOptions {
  /** A prefix every own code starts with. */
  codePrefix?: string;
  /** The inclusive range its internal codes come from. */
  internalCodeRange?: [number, number];
}

/**
 * Codes and internal codes are unique across the catalog, and a provider's error (its code,
 * internal code, type, reason, status and message pattern) maps to one canonical code only: a
 * normalizer must never have to guess. A team adding its own codes beside Errata's can pin them
 * to its own namespace.
 *
 * @example
 * // redocly.yaml: errata/error-codes-unique: { severity: error, codePrefix: CHAT_, internalCodeRange: [9000, 9099] }
 */
const errorCodesUnique: Rule<ErrorCodesUniqueOptions> = ({ codePrefix, internalCodeRange } = {}) => {
  const seen = new Map<string, { code: unknown; where: string }>(); // key → the schema that claimed it first
  const visited = new Set<string>();
  return {
    Schema: {
      enter(schema, ctx) {
        if (!isErrorSchema(schema)) return;
        const where = `${ctx.location.source.absoluteRef}#${ctx.location.pointer}`;
        if (visited.has(where)) return;
        visited.add(where);
        const meta = schema['x-error'];
        const code = constOf(schema, ctx, 'code');
        const report = (key: string, message: string, location: Location) => {
          const first = seen.get(key);
          if (first && first.where !== where)
            ctx.report({ message: `${message} is already used by ${first.code}.`, location });
          else seen.set(key, { code, where });
        };
        report(`code:${code}`, `Code ${code}`, ctx.location);
        report(
          `internal:${meta.internal_code}`,
          `Internal code ${meta.internal_code}`,
          ctx.location.child(['x-error', 'internal_code']),
        );
        for (const [provider, entries] of Object.entries(meta.crosswalk ?? {})) {
          // A crosswalk that is not a list is error-metadata's finding; there is nothing to compare here.
          (Array.isArray(entries) ? entries : []).forEach((entry, i) => {
            const key = [
              'crosswalk',
              provider,
              entry.code ?? '',
              entry.internal_code ?? '',
              entry.type ?? '',
              entry.reason ?? '',
              entry.status ?? '',
              entry.message_pattern ?? '',
            ].join(':');
            report(
              key,
              `Crosswalk entry ${provider} ${JSON.stringify(entry)}`,
              ctx.location.child(['x-error', 'crosswalk', provider, i]),
            );
          });
        }
        if (isCatalogSource(ctx.location.source.absoluteRef)) return;
        if (codePrefix && typeof code === 'string' && !code.startsWith(codePrefix)) {
          ctx.report({
            message: `Code ${code} is not one of Errata's: it must start with ${codePrefix}.`,
            location: ctx.location,
          });
        }
        if (!internalCodeRange) return;
        const [min, max] = internalCodeRange;
        const internal = meta.internal_code;
        if (!(typeof internal === 'number' && internal >= min && internal <= max)) {
          ctx.report({
            message: `Internal code ${internal} of ${code} is outside this API's range ${min}-${max}.`,
            location: ctx.location.child(['x-error', 'internal_code']),
          });
        }
      },
    },
  };
};
export default errorCodesUnique;
