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
    // Among equals, the longer message pattern first: it says more about the message.
    index.sort(
      (a, b) =>
        b.specificity - a.specificity ||
        (b.entry.message_pattern?.length ?? 0) - (a.entry.message_pattern?.length ?? 0),
    );
    indexes.set(provider, index);
  }
  return index;
}

const EXACT = ['code', 'internal_code', 'type', 'reason', 'status'] as const;

// A status below 400 (a mid-stream error under the stream's 200, an error whose status nobody
// printed: 0) says nothing about which error it is, so an entry's status does not rule it out.
const knownStatus = (status: number | undefined): boolean => status !== undefined && status >= 400;

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

// Several providers' entries in one list, most specific first (a stable sort keeps each
// provider's own order, and the providers' order, among equals).
const groups = new Map<string, IndexedEntry[]>();
function indexForAll(among: readonly ProviderId[]): IndexedEntry[] {
  if (among.length === 1) return indexFor(among[0]!);
  const id = among.join(' ');
  let index = groups.get(id);
  if (!index) {
    index = among.flatMap(indexFor).sort((a, b) => b.specificity - a.specificity);
    groups.set(id, index);
  }
  return index;
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
  const hit = indexFor(provider).find((candidate) => matches(candidate, key));
  return hit && toMatch(hit);
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
  const index = indexForAll(among);
  let i = 0;
  while (i < index.length && !matches(index[i]!, key)) i++;
  const hit = index[i];
  if (!hit) return undefined;
  // Only another provider's entry can disagree: within one crosswalk the first match is the meaning.
  for (let j = i + 1; j < index.length && index[j]!.specificity === hit.specificity; j++) {
    const other = index[j]!;
    if (other.provider !== hit.provider && other.canonical !== hit.canonical && matches(other, key)) return undefined;
  }
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
