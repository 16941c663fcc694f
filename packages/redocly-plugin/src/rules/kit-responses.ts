import type { Oas3Parameter } from '@redocly/openapi-core';
import { constOf, isErrorSchema, responseErrorSchemas } from '../error-schema.js';
import type { Rule } from '../redocly-types.js';

/** The names of the codes @errata/server answers on its own (its `KitCodes`); a team may rename them. */
interface KitResponsesOptions {
  codes?: {
    invalidRequest?: string;
    tooLarge?: string;
    timeout?: string;
    internal?: string;
    idempotencyConflict?: string;
    missingKey?: string;
    invalidKey?: string;
  };
  /** The idempotency header (default `Idempotency-Key`). */
  header?: string;
}

type Name = keyof NonNullable<KitResponsesOptions['codes']>;
const DEFAULTS: Record<Name, string> = {
  invalidRequest: 'INVALID_REQUEST',
  tooLarge: 'REQUEST_TOO_LARGE',
  timeout: 'TIMEOUT',
  internal: 'INTERNAL_ERROR',
  idempotencyConflict: 'IDEMPOTENCY_CONFLICT',
  missingKey: 'MISSING_API_KEY',
  invalidKey: 'INVALID_API_KEY',
};

/** What the kit answers, by what an operation has: the same list as @errata/server's startup check. */
const NEEDS: { when: 'always' | 'body' | 'secured' | 'idempotent'; code: Name; why: string }[] = [
  { when: 'always', code: 'internal', why: 'an unexpected error' },
  { when: 'body', code: 'invalidRequest', why: 'a body that is not JSON, nests too deep or has the wrong media type' },
  { when: 'body', code: 'tooLarge', why: 'a body over the size limit' },
  { when: 'body', code: 'timeout', why: 'a body that stalls' },
  { when: 'secured', code: 'missingKey', why: 'a request without a credential' },
  { when: 'secured', code: 'invalidKey', why: 'a credential nobody issued' },
  { when: 'idempotent', code: 'idempotencyConflict', why: 'an Idempotency-Key reused with another request' },
];
/** What any request may be answered by the parser hooks, before a route runs. */
const EVERY_REQUEST: { code: Name; why: string }[] = [
  { code: 'invalidRequest', why: 'a header the HTTP parser refuses' },
  { code: 'tooLarge', why: 'headers over the parser’s limit' },
  { code: 'timeout', why: 'headers that do not arrive in time' },
];

const isOpen = (security: unknown[]) =>
  security.length === 0 || security.some((r) => r && typeof r === 'object' && Object.keys(r).length === 0);

/**
 * A spec served with @errata/server declares the codes the kit answers on its own, where it
 * answers them: otherwise a client generated from the spec meets a 413 or a 408 it was never told
 * of. Opt-in (not in `errata/recommended`): turn it on where the server uses the kit.
 *
 * @example
 * // redocly.yaml: errata/kit-responses: error
 */
const kitResponses: Rule<KitResponsesOptions> = ({ codes = {}, header = 'Idempotency-Key' } = {}) => {
  const name = (code: Name) => codes[code] ?? DEFAULTS[code];
  const everywhere = new Set<string>();
  let rootSecurity: unknown[] = [];
  let current: { declared: Set<string>; has: Record<(typeof NEEDS)[number]['when'], boolean> } | undefined;
  return {
    Root: {
      enter(root) {
        rootSecurity = (root.security as unknown[] | undefined) ?? [];
        everywhere.clear();
      },
      leave(_root, ctx) {
        for (const { code, why } of EVERY_REQUEST) {
          if (everywhere.has(name(code))) continue;
          ctx.report({
            message: `No operation declares ${name(code)}; @errata/server answers it for ${why}.`,
            location: ctx.location.key(),
          });
        }
      },
    },
    Operation: {
      enter(operation, ctx) {
        const headers = (operation.parameters ?? [])
          .map((p) => ctx.resolve<Oas3Parameter>(p).node)
          .filter((p) => p?.in === 'header')
          .map((p) => String(p?.name).toLowerCase());
        current = {
          declared: new Set(),
          has: {
            always: true,
            body: operation.requestBody !== undefined,
            secured: !isOpen((operation.security as unknown[] | undefined) ?? rootSecurity),
            idempotent: headers.includes(header.toLowerCase()),
          },
        };
      },
      // Nested, so that each response is read where it is (a $ref'd file resolves its own $refs).
      Response: {
        enter(response, ctx) {
          for (const { schema } of responseErrorSchemas(response, ctx)) {
            if (!isErrorSchema(schema)) continue;
            const code = constOf(schema, ctx, 'code') ?? schema.title;
            if (typeof code === 'string') current?.declared.add(code);
          }
        },
      },
      leave(_operation, ctx) {
        if (!current) return;
        const { declared, has } = current;
        for (const code of declared) everywhere.add(code);
        for (const { code, why } of NEEDS.filter((need) => has[need.when] && !declared.has(name(need.code)))) {
          ctx.report({
            message: `Operation must declare ${name(code)}: @errata/server answers it for ${why}.`,
            location: ctx.location.child('responses'),
          });
        }
        current = undefined;
      },
    },
  };
};
export default kitResponses;
