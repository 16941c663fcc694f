/**
 * Reading a provider's error whose HTTP status is not known: one that arrived mid-stream (a 200
 * was already sent), or a body pasted without its status. The crosswalk matches an entry only at
 * the status it names, so such a body is read at each status the provider's crosswalk names, and
 * the most specific match wins (Groq's `rate_limit_exceeded` mid-stream is its 429 entry).
 */
import { catalog, type ErrorCode, findCrosswalkMatch, type ProviderErrorKey, type ProviderId } from '@errata/types';

const statuses = new Map<ProviderId, number[]>();

/** The statuses `provider`'s crosswalk entries name, in the catalog's order. */
function crosswalkStatuses(provider: ProviderId): number[] {
  let found = statuses.get(provider);
  if (!found) {
    const seen = new Set<number>();
    for (const code in catalog) {
      const crosswalk = catalog[code as ErrorCode].crosswalk as Partial<
        Record<ProviderId, readonly { status?: number }[]>
      >;
      for (const entry of crosswalk[provider] ?? []) if (entry.status !== undefined) seen.add(entry.status);
    }
    found = [...seen];
    statuses.set(provider, found);
  }
  return found;
}

/** How specific the crosswalk entry matching a normalized error's origin is (-1 for none). */
function matchSpecificity(provider: ProviderId, origin: ProviderErrorKey | undefined): number {
  return origin ? (findCrosswalkMatch(provider, origin)?.specificity ?? -1) : -1;
}

// A match on the status alone (weight 1) says nothing about a body whose status is unknown.
const STATUS_ONLY = 1;

/**
 * The best reading of a body whose status is unknown: `read` at the stand-in status, kept when an
 * entry matches on what the body says; else at each status the crosswalk names, where a status
 * wins only with a more specific match that rests on more than that status (a 429 entry that
 * matches any 429 body does not count).
 */
export function readAtBestStatus<T>(
  provider: ProviderId,
  standIn: number,
  read: (status: number) => T,
  originOf: (result: T) => ProviderErrorKey | undefined,
): { result: T; status: number } {
  let best = { result: read(standIn), status: standIn };
  let score = matchSpecificity(provider, originOf(best.result));
  // What the body says matched at the stand-in (an entry for the stream event itself): that is the reading.
  if (score > STATUS_ONLY) return best;
  for (const status of crosswalkStatuses(provider)) {
    if (status === standIn) continue;
    const result = read(status);
    const tried = matchSpecificity(provider, originOf(result));
    if (tried > STATUS_ONLY && tried > score) [best, score] = [{ result, status }, tried];
  }
  return best;
}
