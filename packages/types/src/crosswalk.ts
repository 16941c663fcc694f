/**
 * Looking up a provider's error in the crosswalk: which canonical code does, say, Workers AI's
 * internal code 3036 or ModelsLab's "height must be divisible by 8" correspond to, and which of
 * the provider's documented errors was it?
 *
 * An entry matches when every matching key it sets matches: `code` and `internal_code` exactly,
 * `status` exactly, `message_pattern` as a case-insensitive regular expression. Of the matching
 * entries the most specific wins: an identifier (code or internal code) outweighs a message
 * pattern, which outweighs a bare status. Lint (errata/error-codes-unique) keeps entries from
 * colliding. The other keys of an entry (`name`, `message`, `description`, `field`, `source`,
 * `inferred`, `note`) are provenance: what the provider documents, and what Errata assumed.
 *
 * @example
 * findCanonicalCode('workers-ai', { internal_code: 3036, status: 429 }); // 'DAILY_QUOTA_EXCEEDED'
 */
import { catalog, type ErrorCode, type ProviderId } from './catalog.js';

/** What a provider's error body says about itself, as far as it says anything. */
export interface ProviderErrorKey {
  code?: string | undefined;
  internal_code?: number | undefined;
  status?: number | undefined;
  message?: string | undefined;
}

/** One documented provider error, as `x-error.crosswalk` records it (spec/meta/x-error.schema.yaml). */
export interface CrosswalkEntry {
  readonly code?: string;
  readonly internal_code?: number;
  readonly status?: number;
  readonly message_pattern?: string;
  readonly name?: string;
  readonly message?: string;
  readonly description?: string;
  readonly field?: string;
  readonly message_params?: string;
  readonly source?: string;
  readonly inferred?: readonly string[];
  readonly note?: string;
}

/** A provider error recognised: its canonical code, the entry that matched, and how specific that match was. */
export interface CrosswalkMatch {
  code: ErrorCode;
  entry: CrosswalkEntry;
  specificity: number;
}

interface IndexedEntry {
  canonical: ErrorCode;
  entry: CrosswalkEntry;
  pattern: RegExp | undefined;
  specificity: number;
}

const indexes = new Map<ProviderId, IndexedEntry[]>();

// Built on first use per provider, so that importing the catalog costs nothing.
function indexFor(provider: ProviderId): IndexedEntry[] {
  let index = indexes.get(provider);
  if (!index) {
    index = [];
    for (const [canonical, entry] of Object.entries(catalog) as [ErrorCode, (typeof catalog)[ErrorCode]][]) {
      for (const raw of (entry.crosswalk as Partial<Record<ProviderId, readonly CrosswalkEntry[]>>)[provider] ?? []) {
        const specificity = (raw.code !== undefined || raw.internal_code !== undefined ? 4 : 0) + (raw.message_pattern ? 2 : 0) + (raw.status !== undefined ? 1 : 0);
        index.push({ canonical, entry: raw, pattern: raw.message_pattern ? new RegExp(raw.message_pattern, 'i') : undefined, specificity });
      }
    }
    index.sort((a, b) => b.specificity - a.specificity);
    indexes.set(provider, index);
  }
  return index;
}

function matches({ entry, pattern }: IndexedEntry, key: ProviderErrorKey): boolean {
  if (entry.code !== undefined && entry.code !== key.code) return false;
  if (entry.internal_code !== undefined && entry.internal_code !== key.internal_code) return false;
  if (entry.status !== undefined && entry.status !== key.status) return false;
  if (pattern && !(key.message !== undefined && pattern.test(key.message))) return false;
  return true;
}

/**
 * Every matching entry, most specific first: the first is the one the crosswalk means, the rest
 * are for diagnosing ambiguity.
 *
 * @example
 * matchCrosswalk('workers-ai', { internal_code: 3003, status: 400 })[0]?.entry.name; // 'Incomplete request'
 */
export function matchCrosswalk(provider: ProviderId, key: ProviderErrorKey): CrosswalkMatch[] {
  return indexFor(provider)
    .filter((candidate) => matches(candidate, key))
    .map(({ canonical, entry, specificity }) => ({ code: canonical, entry, specificity }));
}

/**
 * The canonical code a provider's error maps to, or `undefined` when the crosswalk has no entry
 * for it (the caller then falls back on the HTTP status).
 *
 * @example
 * findCanonicalCode('modelslab', { status: 400, message: 'prompt is required' }); // 'MISSING_REQUIRED_FIELD'
 */
export function findCanonicalCode(provider: ProviderId, key: ProviderErrorKey): ErrorCode | undefined {
  return indexFor(provider).find((candidate) => matches(candidate, key))?.canonical;
}
