import { requiredProperties, schemaParts, templateParams } from '@errata/spec-model';
import { constOf, isCatalogSource, isErrorSchema, resolverOf } from '../error-schema.js';
import { problemsOf, validateProviders, validateXError } from '../meta-schemas.js';
import { type AnySchema, type ErrataRoot, isExampleObject, type ProviderMeta, type Rule } from '../redocly-types.js';

// The `if` that selects an Errata server's own body (no `origin`): `{ properties: { origin: false } }`.
const isOwnBody = (part: object): boolean =>
  (part as { if?: { properties?: { origin?: unknown } } }).if?.properties?.origin === false;
const namedGroups = (pattern: string): string[] => {
  try {
    return [...new RegExp(pattern).source.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1]!);
  } catch {
    return [];
  }
};

/**
 * Every error schema's `x-error` validates against spec/meta/x-error.schema.yaml, and
 * `x-errata.providers` against spec/meta/providers.schema.yaml (ajv). On top of the shape, what a
 * JSON Schema cannot say: the schema pins `code`, `status`, `category` and `retry` to the values
 * of its metadata, requires `retry_after` when its policy is to wait, crosswalks only to declared
 * providers and their documents, reads only its own template parameters out of provider messages,
 * and has examples whose code, status, category, retry, doc_url and `details` (every template
 * parameter) agree.
 */
const errorMetadata: Rule = () => {
  let docsUrl: string | undefined;
  let providers: Record<string, ProviderMeta | undefined> = {};
  let hasProviders = false;
  return {
    Root: {
      enter(root, ctx) {
        const errata = (root as ErrataRoot)['x-errata'] ?? {};
        docsUrl = errata.docs_url;
        hasProviders = errata.providers !== undefined;
        providers = ctx.resolve<Record<string, ProviderMeta>>(errata.providers ?? {}).node ?? {};
        if (!validateProviders(providers)) {
          for (const problem of problemsOf(validateProviders))
            ctx.report({
              message: `x-errata.providers: ${problem}.`,
              location: ctx.location.child(['x-errata', 'providers']),
            });
        }
      },
    },
    Schema: {
      enter(schema, ctx) {
        if (!isErrorSchema(schema)) return;
        const meta = schema['x-error'];
        const problems = validateXError(meta)
          ? []
          : problemsOf(validateXError).map((p) => `x-error${p === '/ ' ? '' : p}`);
        const code = constOf(schema, ctx, 'code');
        if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code))
          problems.push('`code` must be pinned to an UPPER_SNAKE_CASE const');
        for (const key of ['status', 'category', 'retry'] as const) {
          const pinned = constOf(schema, ctx, key);
          if (pinned !== meta[key])
            problems.push(`\`${key}\` const (${pinned}) must equal x-error.${key} (${meta[key]})`);
        }
        if (!schema.title) problems.push('title is required');
        if (!schema.description) problems.push('description is required');
        // Required of an Errata server's body at least (`if: { properties: { origin: false } }`): a
        // normalized provider error states a wait only where the provider's response did.
        const ownRequired = schemaParts(schema, resolverOf(ctx)).flatMap((part) =>
          isOwnBody(part) ? ((part as { then?: { required?: string[] } }).then?.required ?? []) : [],
        );
        if (
          meta.retry === 'after_retry_after' &&
          !requiredProperties(schema, resolverOf(ctx)).has('retry_after') &&
          !ownRequired.includes('retry_after')
        )
          problems.push('retry policy after_retry_after requires `retry_after` in the body');
        const params = templateParams(meta.message);
        // The crosswalk is opt-in: a spec that does not declare x-errata.providers does not vouch for
        // the crosswalk of the codes it takes from @errata/spec (Errata's own lint checked those).
        const vouches = hasProviders || !isCatalogSource(ctx.location.source.absoluteRef);
        for (const [provider, entries] of vouches ? Object.entries(meta.crosswalk ?? {}) : []) {
          const declared = providers[provider];
          if (!declared) problems.push(`crosswalk provider "${provider}" is not declared in x-errata.providers`);
          for (const entry of Array.isArray(entries) ? entries : []) {
            if (entry.source !== undefined && !declared?.documents?.[entry.source])
              problems.push(`crosswalk source "${entry.source}" is not a document of ${provider}`);
            for (const group of entry.message_params ? namedGroups(entry.message_params) : []) {
              if (!params.includes(group))
                problems.push(`message_params reads {${group}}, which is not a parameter of the message template`);
            }
          }
        }
        // Every template parameter is a machine-readable member of `details`, so nobody parses `message`.
        const declaresParam = (param: string) =>
          schemaParts(schema, resolverOf(ctx)).some((part) => {
            const then = part.then as AnySchema | undefined;
            const details = then?.properties?.details;
            return details && 'properties' in details && details.properties?.[param];
          });
        for (const param of params)
          if (!declaresParam(param)) problems.push(`template parameter {${param}} must be declared in details`);
        const examples = schema.examples ?? [];
        // An installed catalog schema's examples link to Errata's docs; a document's own, to its docs_url.
        const checkDocUrl = docsUrl && !isCatalogSource(ctx.location.source.absoluteRef);
        if (!examples.length) problems.push('at least one example is required');
        examples.forEach((value, i) => {
          // A value that is not an object has none of an error body's members: every check below reports it.
          const example = isExampleObject(value) ? value : {};
          if (example.code !== code || example.status !== meta.status)
            problems.push(`example ${i} must have code ${code} and status ${meta.status}`);
          if (example.category !== meta.category || example.retry !== meta.retry)
            problems.push(`example ${i} must have category ${meta.category} and retry ${meta.retry}`);
          if (checkDocUrl && example.doc_url !== `${docsUrl}#${code}`)
            problems.push(`example ${i} doc_url must be ${docsUrl}#${code}`);
          for (const param of params)
            if (example.details?.[param] === undefined) problems.push(`example ${i} must carry details.${param}`);
        });
        for (const problem of problems)
          ctx.report({
            message: `${code ?? schema.title ?? 'error schema'}: ${problem}.`,
            location: ctx.location.child(['x-error']),
          });
      },
    },
  };
};
export default errorMetadata;
