// @ts-check
/**
 * The catalog page's instant filter. Inlined into the page as a module script, and imported by the
 * unit tests for its pure half (parseQuery, matches). No framework, no build step.
 *
 * A query is terms separated by spaces; an entry matches when every term does:
 * - three digits (`429`) or a status class (`4xx`, `42x`) match the HTTP status;
 * - other digits (`3036`, `30`) match the start of the code's internal code or of an internal
 *   code another provider uses for it (Workers AI's 3036 finds DAILY_QUOTA_EXCEEDED);
 * - a keyword (`stream`, `streaming`, `mid-stream`) matches the codes flagged with it: those that
 *   can end a stream after its first byte (as a word, "stream" would also find "upstream");
 * - anything else matches words of the code, title, description, message, remedy, category,
 *   retry policy and what the other providers call it and say (`quota`, `model_not_found`,
 *   `model not found`); a phrase in double quotes (`"no such model"`) matches as written.
 *
 * Provider notes (where a body keeps its parts, what is not an error: `messege`, `validationErrors`,
 * `processing`) are marked `data-search`: they show when their own text matches, and keep their
 * provider's block visible.
 */

/**
 * @typedef {{ code: string, status: string, internalCodes: string[], flags: string[], text: string }} SearchEntry
 */

/** Keywords, and the flag (a section's `data-flags`) each one selects. */
const KEYWORDS = /** @type {Record<string, string>} */ ({ stream: 'stream', streaming: 'stream', 'mid-stream': 'stream', midstream: 'stream' });

/**
 * Splits a query into lowercase terms.
 *
 * @example
 * parseQuery('  Model  429 '); // ['model', '429']
 * @param {string} query
 * @returns {string[]}
 */
export function parseQuery(query) {
  const phrases = [...query.toLowerCase().matchAll(/"([^"]*)"?|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim().replace(/\s+/g, ' '));
  return phrases.filter(Boolean);
}

/**
 * Whether an entry matches every term.
 *
 * @example
 * matches({ code: 'X', status: '429', internalCodes: ['4003', '3036'], flags: [], text: 'x daily quota' }, ['3036']); // true
 * @param {SearchEntry} entry
 * @param {string[]} terms
 * @returns {boolean}
 */
export function matches(entry, terms) {
  return terms.every((term) => {
    const flag = Object.hasOwn(KEYWORDS, term) ? KEYWORDS[term] : undefined;
    if (flag) return entry.flags.includes(flag);
    if (/^[1-5][\dx]{2}$/.test(term)) {
      return [...term].every((char, i) => char === 'x' || entry.status[i] === char);
    }
    if (/^\d+$/.test(term)) return entry.internalCodes.some((code) => code.startsWith(term));
    return entry.text.includes(term) || entry.text.includes(term.replace(/_/g, ' '));
  });
}

/**
 * What the filter shows or hides: each code's section and every link to one; then every table
 * row and `data-group` block that has none left.
 */
const ITEMS = 'section.code, a[href^="#"]';
const NOTES = '[data-search]';
const GROUPS = '[data-group], tbody tr';

/**
 * Wires the filter to the page: the input filters every item, hides groups (`data-group`) left
 * empty, announces the count, keeps `?q=` in the address, and answers `/` (focus) and Escape
 * (clear).
 *
 * @param {Document} doc
 */
function init(doc) {
  const input = /** @type {HTMLInputElement | null} */ (doc.getElementById('filter'));
  const count = doc.getElementById('filter-count');
  if (!input || !count) return;
  /** @type {SearchEntry[]} */
  const entries = [...doc.querySelectorAll('section.code')].map((section) => {
    const el = /** @type {HTMLElement} */ (section);
    // Words come from what the section says about the code, not from its examples or snippets.
    const parts = el.querySelectorAll(':scope > :not(h4, pre, .by)');
    const words = [...parts].map((part) => part.textContent ?? '').join(' ');
    return {
      code: el.id,
      status: el.dataset.status ?? '',
      internalCodes: (el.dataset.internal ?? '').split(' ').filter(Boolean),
      flags: (el.dataset.flags ?? '').split(' ').filter(Boolean),
      text: words.toLowerCase().replace(/\s+/g, ' '),
    };
  });
  const codes = new Set(entries.map((entry) => entry.code));
  /** @type {{ item: HTMLElement, code: string, note?: SearchEntry }[]} */
  const items = [.../** @type {NodeListOf<HTMLElement>} */ (doc.querySelectorAll(ITEMS))]
    .map((item) => ({ item, code: item.matches('section') ? item.id : (item.getAttribute('href') ?? '').slice(1) }))
    .filter(({ code }) => codes.has(code));
  // A note matches on its own words only: it has no status, internal code or flags.
  for (const note of /** @type {NodeListOf<HTMLElement>} */ (doc.querySelectorAll(NOTES))) {
    items.push({ item: note, code: '', note: { code: '', status: '', internalCodes: [], flags: [], text: (note.textContent ?? '').toLowerCase().replace(/\s+/g, ' ') } });
  }
  // Each group's items, found by walking up from each item once (not by testing every pair).
  const isGroup = new Set(doc.querySelectorAll(GROUPS));
  /** @type {Map<Element, typeof items>} */
  const members = new Map();
  for (const entry of items) {
    for (let el = entry.item.parentElement; el; el = el.parentElement) {
      if (isGroup.has(el)) members.set(el, [...(members.get(el) ?? []), entry]);
    }
  }
  const groups = [...members].map(([group, list]) => ({ group: /** @type {HTMLElement} */ (group), members: list }));

  function apply() {
    const terms = parseQuery(input?.value ?? '');
    const shown = new Set(entries.filter((entry) => matches(entry, terms)).map((entry) => entry.code));
    for (const { item, code, note } of items) item.hidden = note ? terms.length > 0 && !matches(note, terms) : !shown.has(code);
    for (const { group, members } of groups) group.hidden = members.every(({ item }) => item.hidden);
    const total = entries.length;
    if (count) {
      count.textContent = terms.length === 0 ? `${total} codes` : `${shown.size} of ${total} codes match`;
    }
    const url = new URL(location.href);
    if (terms.length > 0) url.searchParams.set('q', input?.value ?? '');
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }

  input.addEventListener('input', apply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      apply();
    }
  });
  doc.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target);
    const typing = target?.closest('input, textarea, select, [contenteditable]');
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
