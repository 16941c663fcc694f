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
  // The entry's matching keys, copied onto the index entry: read without a second hop.
  code: string | undefined;
  internal_code: number | undefined;
  type: string | undefined;
  reason: string | undefined;
  status: number | undefined;
}

/**
 * An index split by what an entry needs to match, so that a lookup tests only the entries that
 * could: those keyed on the error's code, internal code, reason or type (one map each, so that no
 * key is built per lookup), and the loose ones (a status, a message or reason pattern, nothing
 * that names the error). Every list is in rank order, so a scan stops at the first entry less
 * specific than the best match so far.
 */
interface Buckets {
  code: Map<string, List>;
  internal_code: Map<number, List>;
  reason: Map<string, List>;
  type: Map<string, List>;
  /** Loose entries by the status they need; `0`: any status (patterns only). */
  byStatus: Map<number, List>;
  /** The loose entries with a pattern: all that can match an error whose status says nothing. */
  patterned: List;
  /** The loose entries an error of a status can match, found on first use of that status (`atStatus`). */
  statuses: Map<number, AtStatus>;
}

/**
 * The loose entries of one status and of any status, merged: the ones sure to match an error of that
 * status (no pattern: a status alone, or nothing) taken without a test, and of the others only those
 * as specific as the surest (a less specific one can never win), one list per specificity, most
 * specific first: a message that a list's patterns match rules out the lists after it unscanned (a
 * group of candidates' loose patterns, merged, would otherwise be scanned whole for every message).
 */
interface AtStatus {
  tested: List[];
  sure: IndexedEntry[];
}

/**
 * Entries in rank order, and, where several have a message pattern, all those patterns as one
 * alternation with a group each: one scan of the message that fails rules them all out (an
 * unanchored pattern scans the whole message, and a message that matches none is the common
 * case), and one that succeeds names a pattern that matches; a second scan, of all the others,
 * tells whether it is the only one, so that the entries are not tested one by one.
 */
interface List {
  entries: IndexedEntry[];
  any: Alternation | undefined;
}

interface Alternation {
  /** All the patterns, to rule them out (no groups: a test that fails costs least without them). */
  any: RegExp;
  /**
   * Whether every entry of the list has a pattern (the loose lists of a status, the ones a group of
   * candidates merges most): then a message that matches none rules the whole list out untested.
   */
  every: boolean;
  /** Per source, the positions of the entries that have it: when it is the only match, the others are passed over. */
  entriesOf: number[][];
  /** The same with a group per pattern, to find which matched: built on the first message that does. */
  named: RegExp | undefined;
  /** Each pattern's place in `sources`, by its entry's position in the list (-1: no pattern). */
  sourceOf: number[];
  /** The group that wraps each source (after the groups of the sources before it). */
  groups: number[];
  sources: string[];
  /** Per source, the alternation of all the others, built the first time that source is the one found. */
  others: (RegExp | null | undefined)[];
}

// `undefined` when the patterns cannot share one expression (a back reference or a group name
// would change meaning or clash) or there are too few to gain from it.
function anyOf(entries: readonly IndexedEntry[]): Alternation | undefined {
  const sources = [...new Set(entries.flatMap((e) => (e.entry.message_pattern ? [e.entry.message_pattern] : [])))];
  if (sources.length < 2 || sources.some((source) => /\\[1-9k]|\(\?</.test(source.replace(/\(\?<[=!]/g, ''))))
    return undefined;
  try {
    const groups: number[] = [];
    let group = 1;
    for (const source of sources) {
      groups.push(group);
      // The groups the pattern has of its own: those of an alternation that also matches nothing.
      group += new RegExp(`(?:${source})|`).exec('')!.length;
    }
    const sourceOf = entries.map((e) => (e.entry.message_pattern ? sources.indexOf(e.entry.message_pattern) : -1));
    return {
      any: alternation(sources, '(?:'),
      every: sourceOf.every((at) => at >= 0),
      entriesOf: sources.map((_, at) => sourceOf.flatMap((of, i) => (of === at ? [i] : []))),
      named: undefined,
      sourceOf,
      groups,
      sources,
      others: [],
    };
  } catch {
    return undefined;
  }
}

const alternation = (sources: readonly string[], open: '(' | '(?:'): RegExp =>
  new RegExp(sources.map((source) => `${open}${source})`).join('|'), 'i');

// Which of the list's patterns match the message: the one source that does (its index), -1 when
// none does, -2 when more than one does or the list has few (then each entry's own pattern is tested).
function onlyMatch(any: Alternation, message: string): number {
  if (!any.any.test(message)) return -1;
  // Below four patterns, testing the others one by one costs less than finding which matched.
  if (any.sources.length < 4) return -2;
  any.named ??= alternation(any.sources, '(');
  const found = any.named.exec(message)!;
  let at = 0;
  while (at < any.groups.length && found[any.groups[at]!] === undefined) at++;
  if (at === any.groups.length) return -2;
  let others = any.others[at];
  if (others === undefined) {
    const rest = any.sources.filter((_, i) => i !== at);
    others = rest.length ? alternation(rest, '(?:') : null;
    any.others[at] = others;
  }
  return others?.test(message) ? -2 : at;
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
          code: entry.code,
          internal_code: entry.internal_code,
          type: entry.type,
          reason: entry.reason,
          status: entry.status,
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
    const found: Buckets = {
      code: new Map(),
      internal_code: new Map(),
      reason: new Map(),
      type: new Map(),
      byStatus: new Map(),
      patterned: { entries: [], any: undefined },
      statuses: new Map(),
    };
    const add = <K>(map: Map<K, List>, key: K, entry: IndexedEntry) => {
      const list = map.get(key);
      if (list) list.entries.push(entry);
      else map.set(key, { entries: [entry], any: undefined });
    };
    merged.forEach((entry, rank) => {
      entry.rank = rank;
      // Under the first identifying key it sets, in the order code, internal code, reason, type.
      const { code, internal_code, reason, type } = entry.entry;
      if (code !== undefined) add(found.code, code, entry);
      else if (internal_code !== undefined) add(found.internal_code, internal_code, entry);
      else if (reason !== undefined) add(found.reason, reason, entry);
      else if (type !== undefined) add(found.type, type, entry);
      else {
        add(found.byStatus, entry.status ?? 0, entry);
        if (entry.pattern || entry.reasonPattern) found.patterned.entries.push(entry);
      }
    });
    for (const map of [found.code, found.internal_code, found.reason, found.type, found.byStatus])
      for (const list of map.values()) list.any = anyOf(list.entries);
    found.patterned.any = anyOf(found.patterned.entries);
    buckets = found;
    bucketed.set(id, buckets);
  }
  return buckets;
}

function atStatus(buckets: Buckets, status: number): AtStatus {
  let found = buckets.statuses.get(status);
  if (!found) {
    const loose = [...(buckets.byStatus.get(status)?.entries ?? []), ...(buckets.byStatus.get(0)?.entries ?? [])];
    loose.sort((a, b) => a.rank - b.rank);
    const isSure = (e: IndexedEntry) => !e.pattern && !e.reasonPattern;
    const surest = loose.find(isSure)?.specificity ?? -1;
    const sure = loose.filter((e) => isSure(e) && e.specificity === surest);
    const tested = loose.filter((e) => !isSure(e) && e.specificity >= surest);
    const tiers = [...new Set(tested.map((e) => e.specificity))].map((specificity) => {
      const entries = tested.filter((e) => e.specificity === specificity);
      return { entries, any: anyOf(entries) };
    });
    found = { tested: tiers, sure };
    buckets.statuses.set(status, found);
  }
  return found;
}

// A status below 400 (a mid-stream error under the stream's 200, an error whose status nobody
// printed: 0) says nothing about which error it is, so an entry's status does not rule it out.
// (`undefined` is not such a status: an error read without one matches only entries without one.)
const knownStatus = (status: number | undefined): boolean => status === undefined || status >= 400;

// Whether the entry's keys other than its message pattern match (the pattern is tested last, and
// only when its list's patterns together match the message at all).
function keysMatch(candidate: IndexedEntry, key: ProviderErrorKey): boolean {
  const { code, internal_code, type, reason, status, reasonPattern } = candidate;
  if (
    (code !== undefined && code !== key.code) ||
    (internal_code !== undefined && internal_code !== key.internal_code) ||
    (type !== undefined && type !== key.type) ||
    (reason !== undefined && reason !== key.reason)
  )
    return false;
  // An entry that has nothing but its status cannot match a status that says nothing.
  if (
    status !== undefined &&
    status !== key.status &&
    (knownStatus(key.status) || candidate.specificity === WEIGHTS.status)
  )
    return false;
  return !reasonPattern || (key.reason !== undefined && reasonPattern.test(key.reason));
}

const matches = (candidate: IndexedEntry, key: ProviderErrorKey): boolean =>
  keysMatch(candidate, key) &&
  (!candidate.pattern || (key.message !== undefined && candidate.pattern.test(key.message)));

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
  const buckets = bucketsFor(among);
  const scan = scratch;
  scan.hit = undefined;
  scan.tied = 0;
  if (key.code !== undefined) consider(scan, buckets.code.get(key.code), key);
  if (key.internal_code !== undefined) consider(scan, buckets.internal_code.get(key.internal_code), key);
  if (key.reason !== undefined) consider(scan, buckets.reason.get(key.reason), key);
  if (key.type !== undefined) consider(scan, buckets.type.get(key.type), key);
  if (key.status === undefined) consider(scan, buckets.byStatus.get(0), key);
  else if (knownStatus(key.status)) {
    const loose = atStatus(buckets, key.status);
    const { tested, sure } = loose;
    for (let i = 0; i < tested.length; i++) consider(scan, tested[i], key);
    for (let i = 0; i < sure.length; i++) if (keepScanning(scan, sure[i]!)) take(scan, sure[i]!);
  } else consider(scan, buckets.patterned, key);
  const winner = scan.hit as IndexedEntry | undefined;
  if (!winner) return undefined;
  // Only another provider's entry can disagree: within one crosswalk the first match is the meaning.
  for (let i = 0; i < scan.tied; i++) {
    const other = scan.ties[i]!;
    if (other.provider !== winner.provider && other.canonical !== winner.canonical) return undefined;
  }
  return toMatch(winner);
}

// One lookup's state: the best match, and the matches as specific as it (to see whether providers
// disagree). Module-level and reset per lookup (lookups are synchronous): no allocation per call.
const scratch: { hit: IndexedEntry | undefined; ties: IndexedEntry[]; tied: number } = {
  hit: undefined,
  ties: [],
  tied: 0,
};

function consider(scan: typeof scratch, list: List | undefined, key: ProviderErrorKey): void {
  if (!list) return;
  const { entries, any } = list;
  // Which of the list's message patterns match: found on the first entry that needs it.
  let only: number | undefined;
  // A list of patterns only (the loose lists several candidates' crosswalks merge into) is ruled in
  // or out by one scan of the message, and when one pattern is the only match, only its entries are looked at.
  if (any?.every) {
    const hit = scan.hit;
    if ((hit && entries[0]!.specificity < hit.specificity) || key.message === undefined) return;
    only = onlyMatch(any, key.message);
    if (only === -1) return;
    if (only >= 0) {
      for (const i of any.entriesOf[only]!) {
        const entry = entries[i]!;
        if (!keepScanning(scan, entry)) return;
        if (keysMatch(entry, key)) take(scan, entry);
      }
      return;
    }
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!keepScanning(scan, entry)) return;
    // A pattern known not to match (none does, or another is the only one that does) rules its entry out
    // before its keys are compared.
    if (entry.pattern && only !== undefined && (only === -1 || (only >= 0 && any!.sourceOf[i] !== only))) continue;
    if (!keysMatch(entry, key)) continue;
    if (entry.pattern) {
      if (key.message === undefined) continue;
      if (any) {
        only ??= onlyMatch(any, key.message);
        if (only === -1) continue;
        // The one pattern that matches is known: the entry's is it or not, no need to test it.
        if (only >= 0) {
          if (any.sourceOf[i] !== only) continue;
        } else if (!entry.pattern.test(key.message)) continue;
      } else if (!entry.pattern.test(key.message)) continue;
    }
    take(scan, entry);
  }
}

// The list is in rank order: nothing after a less specific entry than the hit can beat it.
const keepScanning = (scan: typeof scratch, entry: IndexedEntry): boolean =>
  !scan.hit || entry.specificity >= scan.hit.specificity;

function take(scan: typeof scratch, entry: IndexedEntry): void {
  const hit = scan.hit;
  // The ties are counted, not truncated: setting an array's length costs more than the lookup.
  if (!hit || entry.specificity > hit.specificity) {
    scan.hit = entry;
    scan.tied = 0;
  } else if (entry.rank < hit.rank) {
    scan.ties[scan.tied++] = hit;
    scan.hit = entry;
  } else scan.ties[scan.tied++] = entry;
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
