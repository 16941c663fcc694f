/**
 * Looking up a provider's error in the crosswalk: which canonical code does, say, Workers AI's
 * internal code 3036, Anthropic's `overloaded_error` or ModelsLab's "height must be divisible by 8"
 * correspond to, and which of the provider's documented errors was it?
 *
 * An entry matches when every matching key it sets matches: `code`, `internal_code`, `type`,
 * `reason` and `status` exactly, `message_pattern` and `reason_pattern` as case-insensitive
 * regular expressions. Of the
 * matching entries the most specific wins: each key set adds its weight (an identifier — code,
 * internal code or reason — 4, a type 3, a message pattern 2, a status 1), so OpenAI's 429 with
 * code `insufficient_quota` outranks its bare 429, and Anthropic's `rate_limit_error` with
 * `details.error_code` outranks the bare `rate_limit_error`. Lint (errata/error-codes-unique)
 * keeps entries from colliding.
 *
 * The catalog keeps only what a normalizer matches and reads with (the keys above, `name`, `field`,
 * `message_params`); a match's `at` finds the entry's provenance (`message`, `description`,
 * `retry`, `source`, `inferred`, `note`) in `errorTexts[code].crosswalkSources[provider][at]`
 * (`@errata/types/texts`).
 *
 * @example
 * findCanonicalCode('workers-ai', { internal_code: 3036, status: 429 }); // 'DAILY_QUOTA_EXCEEDED'
 * findCanonicalCode('openai', { code: 'insufficient_quota', type: 'insufficient_quota', status: 429 });
 * // 'QUOTA_EXCEEDED'
 */
import type { CrosswalkEntry as SpecCrosswalkEntry } from '@errata/spec-model';
import { catalog, type ErrorCode, type ProviderId } from './catalog.js';

/** What a provider's error body says about itself, as far as it says anything. */
export interface ProviderErrorKey {
  code?: string | undefined;
  internal_code?: number | undefined;
  /** The provider's error type or class (OpenAI's and Anthropic's `error.type`). */
  type?: string | undefined;
  /** A machine-readable reason from the error's details (Gemini's `google.rpc.ErrorInfo.reason`). */
  reason?: string | undefined;
  /** The HTTP status; below 400 (a mid-stream error's 200, or 0 when unknown) it rules no entry out. */
  status?: number | undefined;
  message?: string | undefined;
}

/**
 * One documented provider error as the lookup sees it: the keys of its `x-error.crosswalk` entry
 * (spec/meta/x-error.schema.yaml) a normalizer reads. Its provenance is the full entry in the catalog.
 */
export type CrosswalkEntry = Readonly<
  Pick<
    SpecCrosswalkEntry,
    | 'code'
    | 'internal_code'
    | 'type'
    | 'reason'
    | 'reason_pattern'
    | 'status'
    | 'message_pattern'
    | 'name'
    | 'field'
    | 'message_params'
  >
>;

/**
 * A provider error recognised: its canonical code, the entry that matched (and its index `at` in
 * `catalog[code].crosswalk[provider]`, the same in `errorTexts[code].crosswalkSources`), and how
 * specific that match was.
 */
export interface CrosswalkMatch {
  code: ErrorCode;
  /** Whose crosswalk the entry is in (one of the providers asked about). */
  provider: ProviderId;
  entry: CrosswalkEntry;
  at: number;
  specificity: number;
}

interface IndexedEntry {
  provider: ProviderId;
  canonical: ErrorCode;
  at: number;
  entry: CrosswalkEntry;
  pattern: RegExp | undefined;
  reasonPattern: RegExp | undefined;
  specificity: number;
  /** Its place in the merged order (specificity, then pattern length, then crosswalk order): lower wins. */
  rank: number;
}

/**
 * An index split by what an entry needs to match, so that a lookup tests only the entries that
 * could: those keyed on the error's code, internal code, reason or type, and the loose ones (a
 * status, a message or reason pattern, nothing that names the error).
 */
interface Buckets {
  keyed: Map<string, IndexedEntry[]>;
  /** Loose entries by the status they need; `0`: any status (patterns only). */
  byStatus: Map<number, IndexedEntry[]>;
  /** The loose entries with a pattern: all that can match an error whose status says nothing. */
  patterned: IndexedEntry[];
}

const WEIGHTS = {
  code: 4,
  internal_code: 4,
  reason: 4,
  reason_pattern: 4,
  type: 3,
  message_pattern: 2,
  status: 1,
} as const;
const indexes = new Map<ProviderId, IndexedEntry[]>();

// Built on first use per provider, so that importing the module costs nothing.
function indexFor(provider: ProviderId): IndexedEntry[] {
  let index = indexes.get(provider);
  if (!index) {
    index = [];
    for (const [canonical, { crosswalk }] of Object.entries(catalog) as [ErrorCode, (typeof catalog)[ErrorCode]][]) {
      ((crosswalk as Partial<Record<ProviderId, readonly CrosswalkEntry[]>>)[provider] ?? []).forEach((entry, at) => {
        index!.push({
          rank: 0,
          provider,
          canonical,
          at,
          entry,
          pattern: entry.message_pattern ? new RegExp(entry.message_pattern, 'i') : undefined,
          reasonPattern: entry.reason_pattern ? new RegExp(entry.reason_pattern, 'i') : undefined,
          specificity: Object.entries(WEIGHTS).reduce(
            (sum, [key, weight]) => sum + ((entry as Record<string, unknown>)[key] !== undefined ? weight : 0),
            0,
          ),
        });
      });
    }
    index.sort(byRank);
    indexes.set(provider, index);
  }
  return index;
}

// Among equals, the longer message pattern first: it says more about the message.
const byRank = (a: IndexedEntry, b: IndexedEntry): number =>
  b.specificity - a.specificity || (b.entry.message_pattern?.length ?? 0) - (a.entry.message_pattern?.length ?? 0);

// The bucket key of an entry (the first identifying key it sets), or of an error for that key.
const bucketKeys = (e: ProviderErrorKey | CrosswalkEntry): (string | undefined)[] => [
  e.code === undefined ? undefined : `c ${e.code}`,
  e.internal_code === undefined ? undefined : `i ${e.internal_code}`,
  e.reason === undefined ? undefined : `r ${e.reason}`,
  e.type === undefined ? undefined : `t ${e.type}`,
];

const bucketed = new Map<string, Buckets>();
// A caller that passes the same array again (the client's detection does) skips building the key.
const byList = new WeakMap<readonly ProviderId[], Buckets>();
function bucketsFor(among: readonly ProviderId[]): Buckets {
  let buckets = byList.get(among);
  if (!buckets) {
    buckets = bucketsById(among);
    byList.set(among, buckets);
  }
  return buckets;
}

function bucketsById(among: readonly ProviderId[]): Buckets {
  const id = among.length === 1 ? among[0]! : among.join(' ');
  let buckets = bucketed.get(id);
  if (!buckets) {
    // Each entry once per group, ranked in the group's merged order (a stable sort keeps each
    // provider's own order, and the providers' order, among equals).
    const merged = among.flatMap((provider) => indexFor(provider).map((entry) => ({ ...entry }))).sort(byRank);
    const found: Buckets = { keyed: new Map(), byStatus: new Map(), patterned: [] };
    const add = <K>(map: Map<K, IndexedEntry[]>, key: K, entry: IndexedEntry) =>
      map.set(key, [...(map.get(key) ?? []), entry]);
    merged.forEach((entry, rank) => {
      entry.rank = rank;
      const key = bucketKeys(entry.entry).find((k) => k !== undefined);
      if (key !== undefined) {
        add(found.keyed, key, entry);
        return;
      }
      add(found.byStatus, entry.entry.status ?? 0, entry);
      if (entry.pattern || entry.reasonPattern) found.patterned.push(entry);
    });
    buckets = found;
    bucketed.set(id, buckets);
  }
  return buckets;
}

const EXACT = ['code', 'internal_code', 'type', 'reason', 'status'] as const;

// A status below 400 (a mid-stream error under the stream's 200, an error whose status nobody
// printed: 0) says nothing about which error it is, so an entry's status does not rule it out.
// (`undefined` is not such a status: an error read without one matches only entries without one.)
const knownStatus = (status: number | undefined): boolean => status === undefined || status >= 400;

function matches({ entry, pattern, reasonPattern, specificity }: IndexedEntry, key: ProviderErrorKey): boolean {
  for (const name of EXACT) {
    if (entry[name] === undefined || entry[name] === key[name]) continue;
    // An entry that has nothing but its status cannot match a status that says nothing.
    if (name !== 'status' || knownStatus(key.status) || specificity === WEIGHTS.status) return false;
  }
  if (pattern && !(key.message !== undefined && pattern.test(key.message))) return false;
  if (reasonPattern && !(key.reason !== undefined && reasonPattern.test(key.reason))) return false;
  return true;
}

const toMatch = ({ provider, canonical, at, entry, specificity }: IndexedEntry): CrosswalkMatch => ({
  provider,
  code: canonical,
  entry,
  at,
  specificity,
});

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
    .map(toMatch);
}

/**
 * The entry the crosswalk means for a provider's error (the most specific match), or `undefined`
 * when none matches: `matchCrosswalk(provider, key)[0]` without scanning the rest.
 *
 * @example
 * findCrosswalkMatch('workers-ai', { internal_code: 3003, status: 400 })?.code; // 'INCOMPLETE_REQUEST'
 */
export function findCrosswalkMatch(provider: ProviderId, key: ProviderErrorKey): CrosswalkMatch | undefined {
  return findCommonMatch([provider], key);
}

/**
 * What several providers' crosswalks mean together for an error whose sender is one of them (a
 * body in the OpenAI-compatible shape, whoever of the hosts sharing it sent it): the most specific
 * match among all their entries, when every equally specific match means the same code, and
 * `undefined` when none matches or the most specific ones disagree (then only the status speaks).
 *
 * @example
 * findCommonMatch(['openai', 'groq'], { code: 'model_decommissioned', status: 400 })?.code; // 'MODEL_RETIRED'
 */
export function findCommonMatch(among: readonly ProviderId[], key: ProviderErrorKey): CrosswalkMatch | undefined {
  const { keyed, byStatus, patterned } = bucketsFor(among);
  const loose = knownStatus(key.status) ? [byStatus.get(key.status!), byStatus.get(0)] : [patterned];
  // One pass: the best match, and the matches as specific as it (to see whether providers disagree).
  let hit: IndexedEntry | undefined;
  const ties: IndexedEntry[] = [];
  const consider = (list: readonly IndexedEntry[] | undefined) => {
    if (list)
      for (const entry of list) {
        if ((hit && entry.specificity < hit.specificity) || !matches(entry, key)) continue;
        if (!hit || entry.specificity > hit.specificity) {
          hit = entry;
          ties.length = 0;
        } else if (entry.rank < hit.rank) {
          ties.push(hit);
          hit = entry;
        } else ties.push(entry);
      }
  };
  for (const bucket of bucketKeys(key)) if (bucket !== undefined) consider(keyed.get(bucket));
  for (const list of loose) consider(list);
  if (!hit) return undefined;
  // Only another provider's entry can disagree: within one crosswalk the first match is the meaning.
  const winner = hit;
  if (ties.some((other) => other.provider !== winner.provider && other.canonical !== winner.canonical))
    return undefined;
  return toMatch(hit);
}

/**
 * The canonical code a provider's error maps to, or `undefined` when the crosswalk has no entry
 * for it (the caller then falls back on the HTTP status).
 *
 * @example
 * findCanonicalCode('modelslab', { status: 400, message: 'prompt is required' }); // 'MISSING_REQUIRED_FIELD'
 */
export function findCanonicalCode(provider: ProviderId, key: ProviderErrorKey): ErrorCode | undefined {
  return findCrosswalkMatch(provider, key)?.code;
}
