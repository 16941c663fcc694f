// Errata's contract rules for Redocly lint, as a plugin any `redocly.yaml` can load
// (`plugins: ['@errata/redocly-plugin']`, `extends: [errata/recommended]`). Each rule lives in its
// own file under rules/; src/rules.test.ts runs each against a small bad spec and asserts it fires.
import { scoped } from './adopt-scope.js';
import crosswalkOptIn from './decorators/crosswalk-opt-in.js';
import renameRequestIdHeader from './preprocessors/rename-request-id-header.js';
import type { NodeType, Plugin, RuleConfig } from './redocly-types.js';
import errorCodesUnique from './rules/error-codes-unique.js';
import errorMetadata from './rules/error-metadata.js';
import errorResponseEnvelope from './rules/error-response-envelope.js';
import errorStatusMatches from './rules/error-status-matches.js';
import kitResponses from './rules/kit-responses.js';
import operation5xxResponse from './rules/operation-5xx-response.js';
import postIdempotencyKey from './rules/post-idempotency-key.js';
import requestIdHeader from './rules/request-id-header.js';
import retryAfterHeader from './rules/retry-after-header.js';
import statusOnlyEntries from './rules/status-only-entries.js';
import streamErrorCodes from './rules/stream-error-codes.js';

/**
 * A Redocly plugin object, as far as this package fills it in. Declared here rather than as
 * Redocly's own `Plugin` type so that the published declarations need no Redocly package.
 */
export interface ErrataRedoclyPlugin {
  id: 'errata';
  rules: { oas3: Record<string, (options?: Record<string, unknown>) => unknown> };
  preprocessors: { oas3: Record<string, (options?: Record<string, unknown>) => unknown> };
  decorators: { oas3: Record<string, (options?: Record<string, unknown>) => unknown> };
  configs: { recommended: { rules: Record<string, unknown>; decorators: Record<string, unknown> } };
  typeExtension: { oas3(types: Record<string, unknown>): Record<string, unknown> };
}

/** Every contract rule, by its name without the `errata/` prefix. */
const rules = {
  'error-metadata': errorMetadata,
  'error-codes-unique': errorCodesUnique,
  'status-only-entries': statusOnlyEntries,
  // Scoped to the operations adopted so far (`x-errata-adopt`, adopt-scope.ts).
  'error-status-matches': scoped(errorStatusMatches),
  'error-response-envelope': scoped(errorResponseEnvelope),
  'retry-after-header': scoped(retryAfterHeader),
  'request-id-header': scoped(requestIdHeader),
  'operation-5xx-response': scoped(operation5xxResponse),
  'stream-error-codes': streamErrorCodes,
  'post-idempotency-key': scoped(postIdempotencyKey),
  'kit-responses': scoped(kitResponses),
};

/** Rules a team turns on where they apply: not in `errata/recommended`. */
const OPT_IN = new Set(['kit-responses']);

/**
 * `errata/recommended`: every contract rule as an error, plus the built-in rules the contract
 * leans on (error responses declared, examples that validate, no problem-details shape: the
 * envelope replaces RFC 7807). Extend `recommended-strict` (or `recommended`) beside it.
 */
const recommended: { rules: Record<string, RuleConfig>; decorators: Record<string, 'on' | 'off'> } = {
  rules: {
    ...Object.fromEntries(
      Object.keys(rules)
        .filter((name) => !OPT_IN.has(name))
        .map((name) => [`errata/${name}`, 'error']),
    ),
    'operation-4xx-response': 'error',
    'operation-2xx-response': 'error',
    'no-invalid-media-type-examples': { severity: 'error', allowAdditionalProperties: false },
    'no-invalid-schema-examples': { severity: 'error', allowAdditionalProperties: false },
    'no-invalid-parameter-examples': 'error',
    'operation-4xx-problem-details-rfc7807': 'off',
  },
  // On bundle: Errata's crosswalk only in documents that declare x-errata.providers.
  decorators: { 'errata/crosswalk-opt-in': 'on' },
};

/**
 * The Redocly plugin: id `errata`, the rules, the `recommended` config, the preprocessor that
 * renames the request-id header, and the type of the root `x-errata` extension.
 *
 * @example
 * // redocly.yaml
 * // plugins: ['@errata/redocly-plugin']
 * // extends: [recommended-strict, errata/recommended]
 * // rules:
 * //   errata/request-id-header: { severity: error, header: X-Trace-Id }
 */
export default function errataPlugin(): ErrataRedoclyPlugin {
  const plugin = {
    id: 'errata' as const,
    // Teach Redocly the shape of the root `x-errata` extension, so that the response for unrouted
    // paths is linted, bundled into components and counted as used like any other response.
    typeExtension: {
      oas3(types: Record<string, NodeType>): Record<string, NodeType> {
        return {
          ...types,
          Root: { ...types.Root, properties: { ...types.Root?.properties, 'x-errata': 'ErrataExtension' } },
          ErrataExtension: {
            properties: { docs_url: { type: 'string' }, unrouted_response: 'Response', providers: { type: 'object' } },
          },
        };
      },
    },
    rules: { oas3: rules },
    // Before lint and bundle: the request-id header under the API's own name (`header` option).
    preprocessors: { oas3: { 'rename-request-id-header': renameRequestIdHeader } },
    decorators: { oas3: { 'crosswalk-opt-in': crosswalkOptIn } },
    configs: { recommended },
  } satisfies Plugin;
  return plugin;
}
