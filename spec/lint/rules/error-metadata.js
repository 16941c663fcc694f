import { CATEGORIES, RETRY_POLICIES, constOf, isErrorSchema, requiredOf } from '../error-schema.js';

const REQUIRED_TEXT = ['message', 'remedy'];
const CROSSWALK_KEYS = new Set(['code', 'internal_code', 'status', 'message_pattern']);

/**
 * Every error schema carries complete metadata, pins `code` and `status`, requires `retry_after`
 * when its policy is to wait, and has at least one example whose code, status and doc_url agree.
 */
export default function errorMetadata() {
  let docsUrl;
  let providers = {};
  return {
    Root: {
      enter(root, ctx) {
        const errata = root['x-errata'] ?? {};
        docsUrl = errata.docs_url;
        providers = ctx.resolve(errata.providers ?? {}).node ?? {};
      },
    },
    Schema: {
      enter(schema, ctx) {
        if (!isErrorSchema(schema)) return;
        const meta = schema['x-error'];
        const problems = [];
        const code = constOf(schema, ctx, 'code');
        const status = constOf(schema, ctx, 'status');
        if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code)) problems.push('`code` must be pinned to an UPPER_SNAKE_CASE const');
        if (!Number.isInteger(meta.status) || meta.status < 400 || meta.status > 599) problems.push('x-error.status must be an HTTP error status (400–599)');
        if (status !== meta.status) problems.push(`\`status\` const (${status}) must equal x-error.status (${meta.status})`);
        if (!Number.isInteger(meta.internal_code) || meta.internal_code < 1000 || meta.internal_code > 9999) problems.push('x-error.internal_code must be a four-digit integer');
        if (!CATEGORIES.includes(meta.category)) problems.push(`x-error.category must be one of ${CATEGORIES.join(', ')}`);
        if (!RETRY_POLICIES.includes(meta.retry)) problems.push(`x-error.retry must be one of ${RETRY_POLICIES.join(', ')}`);
        for (const key of REQUIRED_TEXT) if (typeof meta[key] !== 'string' || !meta[key].trim()) problems.push(`x-error.${key} is required`);
        if (!schema.title) problems.push('title is required');
        if (!schema.description) problems.push('description is required');
        if (meta.mid_stream !== undefined && (typeof meta.mid_stream?.retry_safe !== 'boolean' || typeof meta.mid_stream?.note !== 'string')) problems.push('x-error.mid_stream needs retry_safe (boolean) and note (what a retry means after partial output)');
        if (meta.retry === 'after_retry_after' && !requiredOf(schema, ctx).has('retry_after')) problems.push('retry policy after_retry_after requires `retry_after` in the body');
        for (const [provider, entries] of Object.entries(meta.crosswalk ?? {})) {
          if (!(provider in providers)) problems.push(`crosswalk provider "${provider}" is not declared in x-errata.providers`);
          for (const entry of entries ?? []) {
            const keys = Object.keys(entry);
            if (!keys.length || keys.some((k) => !CROSSWALK_KEYS.has(k))) problems.push(`crosswalk entry ${JSON.stringify(entry)} may only use ${[...CROSSWALK_KEYS].join(', ')}`);
            if (entry.message_pattern) {
              try { new RegExp(entry.message_pattern, 'i'); } catch { problems.push(`crosswalk message_pattern ${entry.message_pattern} is not a valid regular expression`); }
            }
          }
        }
        const examples = schema.examples ?? [];
        if (!examples.length) problems.push('at least one example is required');
        examples.forEach((example, i) => {
          if (example.code !== code || example.status !== status) problems.push(`example ${i} must have code ${code} and status ${status}`);
          if (docsUrl && example.doc_url !== `${docsUrl}#${code}`) problems.push(`example ${i} doc_url must be ${docsUrl}#${code}`);
        });
        for (const problem of problems) ctx.report({ message: `${code ?? schema.title ?? 'error schema'}: ${problem}.`, location: ctx.location.child(['x-error']) });
      },
    },
  };
}
