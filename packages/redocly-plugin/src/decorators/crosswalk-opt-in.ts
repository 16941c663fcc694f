import { isCatalogSource, isErrorSchema } from '../error-schema.js';
import type { ErrataRoot, Rule } from '../redocly-types.js';

/**
 * Leaves Errata's crosswalk out of a bundle that does not want it: a code schema taken from the
 * installed @errata/spec loses `x-error.crosswalk` when the document declares no
 * `x-errata.providers`. The crosswalk (about half of a typical adopter's bundle) is what Errata's
 * normalizers read, not what an API's own server, types or conformance run need; a spec that wants
 * it (its docs show Errata's provider mappings) declares the providers and keeps it. Codes of the
 * document's own keep theirs. A decorator: it runs on `redocly bundle`, after lint, which checks
 * the crosswalk where it is kept (`errata/error-metadata`).
 *
 * @example
 * // redocly.yaml: in errata/recommended; to keep Errata's crosswalk, declare the providers:
 * // x-errata: { providers: { $ref: node_modules/@errata/spec/providers.yaml } }
 */
const crosswalkOptIn: Rule = () => {
  let wanted = false;
  return {
    Root: {
      enter(root) {
        wanted = (root as ErrataRoot)['x-errata']?.providers !== undefined;
      },
    },
    Schema: {
      enter(schema, ctx) {
        if (wanted || !isErrorSchema(schema) || !isCatalogSource(ctx.location.source.absoluteRef)) return;
        delete schema['x-error'].crosswalk;
      },
    },
  };
};
export default crosswalkOptIn;
