/**
 * The code an error response means when nothing in its body says which (an HTML 502 from a proxy,
 * an empty 503, a bare string), for every status in the catalog: with no provider named, and for
 * each provider. Computed from the spec, so that clients ship a small status → code table instead
 * of the crosswalk (@errata/types' `defaultCodeByStatus`), and so that the release gate can see
 * when a change to the spec moves one (a new crosswalk entry can shift what a bare status means
 * for every user).
 *
 * With no provider, one rule:
 * 1. Among the codes whose status is the response's, take the one that the most providers map the
 *    **bare status** to in the crosswalk (an entry that matches on `status` alone: "this status
 *    alone means this code"). 429 → RATE_LIMIT_EXCEEDED, 404 → RESOURCE_NOT_FOUND.
 * 2. Ties and statuses no provider maps alone go to the lowest internal code (the catalog's
 *    order): 502 → BAD_GATEWAY, 504 → GATEWAY_TIMEOUT, 408 → TIMEOUT.
 *
 * For a provider: its first entry (in catalog order) that matches on that status alone, as its
 * normalizer finds it; a status it maps to nothing falls back on the no-provider default.
 *
 * A status the catalog does not know falls back to its class at run time (`defaultCodeFor` in
 * @errata/types): 4xx as 400, 5xx and anything else as 500.
 */
import type { ErrorDefinition } from './catalog.js';
import type { CrosswalkEntry } from './generated/meta.js';

// The keys a crosswalk entry matches on; the rest of an entry is provenance (name, message, source…).
const MATCH_KEYS = ['code', 'internal_code', 'type', 'reason', 'reason_pattern', 'status', 'message_pattern'] as const;

/** Whether the entry matches on its status alone: what a body that says nothing gets from it. */
const statusOnly = (entry: CrosswalkEntry): boolean =>
  entry.status !== undefined && MATCH_KEYS.every((key) => key === 'status' || entry[key] === undefined);

/**
 * Status → the code a response with only that status means, when no provider is named.
 *
 * @param errors every code, in internal-code order (the spec model's `errors`)
 * @example
 * defaultCodeByStatus([...model.errors.values()])[429]; // 'RATE_LIMIT_EXCEEDED'
 */
export function defaultCodeByStatus(errors: readonly ErrorDefinition[]): Record<number, string> {
  const best = new Map<number, { code: string; votes: number }>();
  for (const { code, meta } of errors) {
    let votes = 0;
    for (const entries of Object.values(meta.crosswalk ?? {}))
      for (const entry of entries) if (entry.status === meta.status && statusOnly(entry)) votes++;
    const current = best.get(meta.status);
    // Errors come in internal-code order, so "strictly more" keeps the lowest code on a tie.
    if (!current || votes > current.votes) best.set(meta.status, { code, votes });
  }
  return Object.fromEntries([...best].sort(([a], [b]) => a - b).map(([status, { code }]) => [status, code]));
}

/**
 * Provider → status → the code its bare status means, for the statuses it maps alone (any other
 * status means what `defaultCodeByStatus` says).
 *
 * @param errors every code, in internal-code order (the spec model's `errors`)
 * @example
 * providerStatusDefaults([...model.errors.values()]).groq?.[429]; // 'RATE_LIMIT_EXCEEDED'
 */
export function providerStatusDefaults(errors: readonly ErrorDefinition[]): Record<string, Record<number, string>> {
  const byProvider: Record<string, Record<number, string>> = {};
  for (const { code, meta } of errors)
    for (const [provider, entries] of Object.entries(meta.crosswalk ?? {})) {
      const table = byProvider[provider] ?? {};
      byProvider[provider] = table;
      for (const entry of entries) if (statusOnly(entry)) table[entry.status!] ??= code;
    }
  return byProvider;
}
