/** A Redocly plugin object, as far as this package fills it in. */
export interface ErrataRedoclyPlugin {
  id: 'errata';
  rules: { oas3: Record<string, (options?: Record<string, unknown>) => unknown> };
  configs: { recommended: { rules: Record<string, unknown> } };
  typeExtension: { oas3(types: Record<string, unknown>): Record<string, unknown> };
}

/**
 * The Redocly plugin holding Errata's contract rules and the `errata/recommended` config.
 *
 * @example
 * // redocly.yaml: plugins: ['@errata/redocly-plugin'], extends: [recommended-strict, errata/recommended]
 */
export default function errataPlugin(): ErrataRedoclyPlugin;
