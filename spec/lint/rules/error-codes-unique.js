import { constOf, isErrorSchema } from '../error-schema.js';

/**
 * Codes and internal codes are unique across the catalog, and a provider's error (its code,
 * internal code, type, reason, status and message pattern) maps to one canonical code only: a normalizer must
 * never have to guess.
 */
export default function errorCodesUnique() {
  const seen = new Map(); // key → { code, where } of the schema that claimed it first
  const visited = new Set();
  return {
    Schema: {
      enter(schema, ctx) {
        if (!isErrorSchema(schema)) return;
        const where = ctx.location.source.absoluteRef + '#' + ctx.location.pointer;
        if (visited.has(where)) return;
        visited.add(where);
        const meta = schema['x-error'];
        const code = constOf(schema, ctx, 'code');
        const report = (key, message, location) => {
          const first = seen.get(key);
          if (first && first.where !== where) ctx.report({ message: `${message} is already used by ${first.code}.`, location });
          else seen.set(key, { code, where });
        };
        report(`code:${code}`, `Code ${code}`, ctx.location);
        report(`internal:${meta.internal_code}`, `Internal code ${meta.internal_code}`, ctx.location.child(['x-error', 'internal_code']));
        for (const [provider, entries] of Object.entries(meta.crosswalk ?? {})) {
          (entries ?? []).forEach((entry, i) => {
            const key = `crosswalk:${provider}:${entry.code ?? ''}:${entry.internal_code ?? ''}:${entry.type ?? ''}:${entry.reason ?? ''}:${entry.status ?? ''}:${entry.message_pattern ?? ''}`;
            report(key, `Crosswalk entry ${provider} ${JSON.stringify(entry)}`, ctx.location.child(['x-error', 'crosswalk', provider, i]));
          });
        }
      },
    },
  };
}
