/**
 * The code an error response means when nothing in its body says which: an HTML 502 from a proxy,
 * an empty 503, a bare string. Derived from the catalog, by one rule:
 *
 * 1. Among the codes whose status is the response's, take the one that the most providers map the
 *    **bare status** to in the crosswalk (an entry with only `status`: "this status alone means
 *    this code"). 401 → INVALID_API_KEY, 404 → RESOURCE_NOT_FOUND, 429 → RATE_LIMIT_EXCEEDED.
 * 2. Ties and statuses no provider maps alone go to the lowest internal code (the catalog's
 *    order): 502 → BAD_GATEWAY, 504 → GATEWAY_TIMEOUT, 408 → TIMEOUT.
 * 3. A status the catalog does not know falls back to its class: 4xx as 400, 5xx (and anything
 *    else) as 500.
 */
import { catalog, type ErrorCode } from '@errata/types/catalog';

let defaults: Map<number, ErrorCode> | undefined;

function build(): Map<number, ErrorCode> {
  const votes = new Map<number, { code: ErrorCode; votes: number }>();
  for (const code of Object.keys(catalog) as ErrorCode[]) {
    const entry = catalog[code];
    let count = 0;
    for (const entries of Object.values(entry.crosswalk) as readonly Record<string, unknown>[][]) {
      for (const e of entries) if (e.status === entry.status && Object.keys(e).length === 1) count++;
    }
    const best = votes.get(entry.status);
    // Catalog order is internal-code order, so "strictly more" keeps the lowest code on a tie.
    if (!best || count > best.votes) votes.set(entry.status, { code, votes: count });
  }
  return new Map([...votes].map(([status, { code }]) => [status, code]));
}

/** The catalog code for an HTTP status whose body names none. */
export function codeForStatus(status: number): ErrorCode {
  defaults ??= build();
  return defaults.get(status) ?? defaults.get(status >= 400 && status < 500 ? 400 : 500)!;
}
