// The code an error response means when nothing in its body says which (an HTML 502 from a proxy,
// an empty 503, a bare string), for every status in the catalog. Computed here, at generation
// time, so that clients ship a small status → code table instead of the crosswalk. One rule:
//
// 1. Among the codes whose status is the response's, take the one that the most providers map the
//    **bare status** to in the crosswalk (an entry that matches on `status` alone: "this status alone means
//    this code"). 401 → INVALID_API_KEY, 404 → RESOURCE_NOT_FOUND, 429 → RATE_LIMIT_EXCEEDED.
// 2. Ties and statuses no provider maps alone go to the lowest internal code (the catalog's
//    order): 502 → BAD_GATEWAY, 504 → GATEWAY_TIMEOUT, 408 → TIMEOUT.
//
// A status the catalog does not know falls back to its class at run time (`defaultCodeFor` in
// src/policy.ts): 4xx as 400, 5xx and anything else as 500.

import type { ErrorDefinition } from '@errata/spec-model';

// The keys a crosswalk entry matches on; the rest of an entry is provenance (name, message, source…).
const MATCH_KEYS = ['code', 'internal_code', 'type', 'reason', 'reason_pattern', 'status', 'message_pattern'] as const;

/**
 * Status → the code a response with only that status means.
 *
 * @param errors every code, in internal-code order (the spec model's `errors`)
 * @example
 * defaultCodeByStatus([...model.errors.values()])[429] // 'RATE_LIMIT_EXCEEDED'
 */
export function defaultCodeByStatus(errors: readonly ErrorDefinition[]): Record<number, string> {
  const best = new Map<number, { code: string; votes: number }>();
  for (const { code, meta } of errors) {
    let votes = 0;
    for (const entries of Object.values(meta.crosswalk ?? {})) {
      for (const entry of entries)
        if (entry.status === meta.status && MATCH_KEYS.every((key) => key === 'status' || entry[key] === undefined))
          votes++;
    }
    const current = best.get(meta.status);
    // Errors come in internal-code order, so "strictly more" keeps the lowest code on a tie.
    if (!current || votes > current.votes) best.set(meta.status, { code, votes });
  }
  return Object.fromEntries([...best].sort(([a], [b]) => a - b).map(([status, { code }]) => [status, code]));
}
