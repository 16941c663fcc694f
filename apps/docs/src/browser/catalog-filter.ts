/**
 * The catalog page's instant filter, bundled by esbuild into `assets/catalog-filter.js` and imported by the
 * unit tests for its pure half (parseQuery, matchReasons, rank). No framework.
 *
 * A query is terms separated by spaces; an entry matches when every term does:
 * - three digits (`429`) or a status class (`4xx`, `42x`) match the HTTP status;
 * - other digits (`3036`, `30`) match the start of the code's internal code or of an internal
 *   code another provider uses for it (Workers AI's 3036 finds DAILY_QUOTA_EXCEEDED);
 * - a keyword (`stream`, `streaming`, `mid-stream`) matches the codes flagged with it: those that
 *   can end a stream after its first byte (as a word, "stream" would also find "upstream");
 * - anything else matches words of the code, title, description, message, remedy, category,
 *   retry policy, every provider's own code, name and message for it, and the fields a provider's
 *   bodies carry (`messege`, `validationErrors`); a phrase in double quotes (`"no such model"`)
 *   matches as written.
 * Each match says why ("Cloudflare Workers AI (REST API) 3003 “Incomplete request”"), and the
 * best matches are listed first in the announced count.
 */
import type { CatalogSearch, SearchProvider, SearchRow } from '../search-index.js';

/** A searchable part of a code's section, and the reason a match in it gives. */
export interface Field {
  label: string;
  text: string;
  weight: number;
}

/** An internal code (Errata's or a provider's) and the reason a match on it gives. */
export interface InternalCode {
  value: string;
  label: string;
}

/** What the filter knows of one code. */
export interface SearchEntry {
  code: string;
  status: string;
  internalCodes: InternalCode[];
  flags: string[];
  fields: Field[];
}

/** Why an entry matches, and how well. */
export interface Match {
  reasons: string[];
  score: number;
}

/** Keywords, and the flag (a section's `data-flags`) each one selects. */
const KEYWORDS: Record<string, string> = {
  stream: 'stream',
  streaming: 'stream',
  'mid-stream': 'stream',
  midstream: 'stream',
};

/**
 * Splits a query into lowercase terms; a phrase in double quotes is one term, matched as written.
 *
 * @example
 * parseQuery('  Model  429 "no such  model"'); // ['model', '429', 'no such model']
 */
export function parseQuery(query: string): string[] {
  const phrases = [...query.toLowerCase().matchAll(/"([^"]*)"?|(\S+)/g)].map((m) =>
    (m[1] ?? m[2] ?? '').trim().replace(/\s+/g, ' '),
  );
  return phrases.filter(Boolean);
}

const isStatus = (term: string) => /^[1-5][\dx]{2}$/.test(term);
const isWord = (term: string) => !Object.hasOwn(KEYWORDS, term) && !isStatus(term) && !/^\d+$/.test(term);
const has = (field: Field, words: string) =>
  field.text.includes(words) || field.text.includes(words.replace(/_/g, ' '));

/**
 * Why an entry matches every term, strongest reason first; `undefined` when a term does not match.
 * Words are looked for together first ("no such model" in one provider's name beats three words
 * found anywhere).
 *
 * @example
 * matchReasons(
 *   { code: 'X', status: '429', internalCodes: [{ value: '3036', label: 'Workers AI 3036' }], flags: [], fields: [] },
 *   ['3036'],
 * );
 * // { reasons: ['Workers AI 3036'], score: 4 }
 */
export function matchReasons(entry: SearchEntry, terms: string[]): Match | undefined {
  const reasons = new Map<string, number>();
  const add = (reason: string, weight: number) => reasons.set(reason, Math.max(weight, reasons.get(reason) ?? 0));
  const words = terms.filter(isWord);
  const together = words.length > 1 ? entry.fields.filter((field) => has(field, words.join(' '))) : [];
  for (const field of together) add(field.label, field.weight + 5);
  const phrase = together.length > 0;
  for (const term of terms) {
    if (Object.hasOwn(KEYWORDS, term)) {
      if (!entry.flags.includes(KEYWORDS[term] ?? '')) return undefined;
      add('can end a stream', 2);
    } else if (isStatus(term)) {
      if (![...term].every((char, i) => char === 'x' || entry.status[i] === char)) return undefined;
      add(`HTTP ${entry.status}`, 2);
    } else if (/^\d+$/.test(term)) {
      const hit = entry.internalCodes.find((code) => code.value.startsWith(term));
      if (!hit) return undefined;
      add(hit.label, hit.value === term ? 4 : 2);
    } else if (!phrase) {
      // Every field that has it: the reasons then name each place (its code and Workers AI's name).
      const found = entry.fields.filter((f) => has(f, term));
      if (found.length === 0) return undefined;
      for (const field of found) add(field.label, field.weight);
    }
  }
  const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
  return { reasons: sorted.map(([reason]) => reason), score: sorted.reduce((sum, [, weight]) => sum + weight, 0) };
}

/**
 * The entries that match, best first (ties keep catalog order), each with why.
 *
 * @example
 * rank(entries, parseQuery('no such model'))[0]?.entry.code; // 'NO_SUCH_MODEL_OR_TASK'
 */
export function rank(entries: SearchEntry[], terms: string[]): ({ entry: SearchEntry } & Match)[] {
  return entries
    .flatMap((entry) => {
      const match = matchReasons(entry, terms);
      return match ? [{ entry, ...match }] : [];
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * What the filter shows or hides: each code's section and every link to one; then every table
 * row and `data-group` block that has none left.
 */
const ITEMS = 'section.code, a[href^="#"]';
const GROUPS = '[data-group], tbody tr';

const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * What a code's section says, as searchable fields with a reason each. Words come from what the
 * section says about the code and what providers call it, not from its examples or snippets.
 *
 * @param bodyFields the fields each provider's bodies carry
 * @param rows what each provider calls this code (assets/catalog-search.json)
 */
function searchEntry(
  el: HTMLElement,
  bodyFields: Partial<Record<string, SearchProvider>>,
  rows: SearchRow[],
): SearchEntry {
  const code = el.id;
  const title = textOf(el.querySelector('h3')).slice(code.length).trim();
  const lower = (text: string) => text.toLowerCase();
  const fields: Field[] = [
    { label: `code ${code}`, text: lower(`${code} ${code.replace(/_/g, ' ')}`), weight: 6 },
    { label: `title “${title}”`, text: lower(title), weight: 4 },
    { label: 'its description', text: lower(textOf(el.querySelector('.means'))), weight: 2 },
    { label: 'its message', text: lower(textOf(el.querySelector('.tpl'))), weight: 2 },
    { label: 'what to do', text: lower(textOf(el.querySelector('.todo'))), weight: 1 },
    { label: 'its category or retry policy', text: lower(textOf(el.querySelector('dl.facts'))), weight: 1 },
  ];
  const internal = textOf(el.querySelector('.facts .internal'));
  const internalCodes: InternalCode[] = [{ value: internal, label: `Errata internal code ${internal}` }];
  for (const row of rows) {
    fields.push({ label: row.label, text: lower(row.label), weight: 4 });
    if (row.number)
      internalCodes.push({
        value: row.number,
        label: `${row.label.slice(0, row.label.indexOf(row.number) + row.number.length)}`,
      });
  }
  for (const provider of new Set(rows.map((row) => row.provider))) {
    const carried = bodyFields[provider];
    for (const field of carried?.fields ?? []) {
      fields.push({
        label: `${carried?.title} bodies carry ${field}`,
        text: lower(`${field} ${field.split('.').pop()}`),
        weight: 3,
      });
    }
  }
  return {
    code,
    status: el.dataset.status ?? '',
    internalCodes,
    flags: (el.dataset.flags ?? '').split(' ').filter(Boolean),
    fields,
  };
}

/**
 * Everything the filter reads and toggles: each code's search entry, every item (section, link)
 * with its code, every group with its items, and each section's "Matched:" line.
 *
 * @param search assets/catalog-search.json
 */
function buildIndex(doc: Document, search: CatalogSearch): FilterIndex {
  const entries = [...doc.querySelectorAll<HTMLElement>('section.code')].map((section) =>
    searchEntry(section, search.providers, search.codes[section.id] ?? []),
  );
  const codes = new Set(entries.map((entry) => entry.code));
  const items = [...doc.querySelectorAll<HTMLElement>(ITEMS)]
    .map((item) => ({ item, code: item.matches('section') ? item.id : (item.getAttribute('href') ?? '').slice(1) }))
    .filter(({ code }) => codes.has(code));
  // Each group's items, found by walking up from each item once (not by testing every pair).
  const isGroup = new Set<Element>(doc.querySelectorAll(GROUPS));
  const members = new Map<HTMLElement, FilterItem[]>();
  for (const entry of items) {
    for (let el = entry.item.parentElement; el; el = el.parentElement) {
      if (isGroup.has(el)) members.set(el, [...(members.get(el) ?? []), entry]);
    }
  }
  const groups = [...members].map(([group, list]) => ({ group, members: list }));
  const why = new Map(
    entries.map(({ code }) => {
      const p = doc.createElement('p');
      p.className = 'why';
      p.hidden = true;
      doc.getElementById(code)?.querySelector('h3')?.after(p);
      return [code, p];
    }),
  );
  return { entries, items, groups, why };
}

/** An element the filter hides or shows, and the code it is about. */
interface FilterItem {
  item: HTMLElement;
  code: string;
}

/** What {@link buildIndex} reads from the page once. */
interface FilterIndex {
  entries: SearchEntry[];
  items: FilterItem[];
  groups: { group: HTMLElement; members: FilterItem[] }[];
  /** Each section's "Matched:" line. */
  why: Map<string, HTMLParagraphElement>;
}

/**
 * Wires the filter to the page: the input filters every item, hides groups (`data-group`) left
 * empty, announces the count, keeps `?q=` in the address, and answers `/` (focus) and Escape
 * (clear).
 */
function init(doc: Document): void {
  const field = doc.getElementById('filter');
  const count = doc.getElementById('filter-count');
  if (!(field instanceof HTMLInputElement) || !count) return;
  const input = field;
  const best = doc.getElementById('filter-best');
  // Built on the first query (or focus), not at load: a page opened without one reads nothing.
  // What providers call each code is a separate asset (assets/catalog-search.json), which keeps
  // the page light; `data-state` says when it is in ("ready") or could not be read ("failed").
  let loading: Promise<FilterIndex | undefined> | undefined;
  let index: FilterIndex | undefined;
  let filtered = false;
  const load = () =>
    (loading ??= fetch(new URL(input?.dataset.index ?? '', location.href))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<CatalogSearch>;
      })
      .then((search) => {
        index = buildIndex(doc, search);
        input?.setAttribute('data-state', 'ready');
        return index;
      })
      .catch(() => {
        input?.setAttribute('data-state', 'failed');
        if (count) count.textContent = 'The filter could not load its index; reload the page to try again.';
        return undefined;
      }));

  function apply(): void {
    const terms = parseQuery(input?.value ?? '');
    if (terms.length > 0 || filtered) {
      if (index) show(index, terms);
      else {
        input?.setAttribute('data-state', 'loading');
        // The query may have changed while the index loaded: show what the box says then.
        void load().then((built) => built && show(built, parseQuery(input?.value ?? '')));
      }
    }
    filtered = terms.length > 0;
    const url = new URL(location.href);
    if (terms.length > 0) url.searchParams.set('q', input?.value ?? '');
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }

  function show({ entries, items, groups, why }: FilterIndex, terms: string[]): void {
    const ranked =
      terms.length === 0
        ? entries.map((entry) => ({ entry, reasons: [] as string[], score: 0 }))
        : rank(entries, terms);
    const shown = new Set(ranked.map(({ entry }) => entry.code));
    for (const { item, code } of items) item.hidden = !shown.has(code);
    for (const { group, members } of groups) group.hidden = members.every(({ item }) => item.hidden);
    for (const p of why.values()) p.hidden = true;
    for (const { entry, reasons } of ranked) {
      const p = why.get(entry.code);
      if (!p || reasons.length === 0) continue;
      p.textContent = `Matched: ${reasons.slice(0, 3).join('; ')}`;
      p.hidden = false;
    }
    const total = entries.length;
    if (count) count.textContent = terms.length === 0 ? `${total} codes` : `${shown.size} of ${total} codes match`;
    if (best) {
      best.replaceChildren(
        ...ranked.slice(0, terms.length === 0 ? 0 : 3).map(({ entry, reasons }) => {
          const li = doc.createElement('li');
          const a = doc.createElement('a');
          a.href = `#${entry.code}`;
          a.textContent = entry.code;
          li.append(a, ` ${reasons[0] ?? ''}`);
          return li;
        }),
      );
      best.hidden = terms.length === 0 || ranked.length === 0;
    }
  }

  input.addEventListener('input', apply);
  input.addEventListener('focus', () => void load());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      apply();
    }
  });
  doc.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof Element && target.closest('input, textarea, select, [contenteditable]');
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  // Following a link to a code the filter hides shows everything again.
  addEventListener('hashchange', () => {
    const target = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target?.closest('[hidden]')) {
      input.value = '';
      apply();
      target.scrollIntoView();
    }
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) input.value = initial;
  apply();
}

if (typeof document !== 'undefined') init(document);
