/**
 * Each provider's documented errors as rows of a table, the way the provider documents them: its
 * own code, name, status and message first, the canonical code after, and how Errata recognises
 * it (the match rule) last. Rows come from the crosswalk (`x-error.crosswalk`), nothing else.
 */
import type { CrosswalkEntry } from '@errata/spec-model';
import type { CrosswalkRow } from './docs-model.js';

/**
 * A crosswalk entry as the generated catalog and texts hold it (read-only consts): what matching
 * reads and what the provider documents.
 */
export type DocumentedEntry = { readonly [K in keyof CrosswalkEntry]?: Readonly<CrosswalkEntry[K]> };

/**
 * What the provider itself calls an error: its code, else its internal code, else its name.
 *
 * @example
 * theirId({ internal_code: 3036 }); // '3036'
 */
export function theirId(row: DocumentedEntry): string {
  return row.code ?? (row.internal_code !== undefined ? String(row.internal_code) : '');
}

// Numbers in numeric order (3006 before 3036), then codes and names alphabetically; rows the
// provider gives no identifier go last, by their message.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const sortKey = (row: CrosswalkRow): [string, string, string] => [
  theirId(row) || '\uffff',
  row.name ?? '',
  row.message ?? row.description ?? '',
];

/**
 * One provider's rows, in the provider's own order: sorted by its code or internal code.
 *
 * @example
 * providerRows(model.crosswalk, 'workers-ai')[0]; // { provider: 'workers-ai', internal_code: 3001, … }
 */
export function providerRows(rows: readonly CrosswalkRow[], provider: string): CrosswalkRow[] {
  return rows
    .filter((row) => row.provider === provider)
    .sort((a, b) => {
      const [x, y] = [sortKey(a), sortKey(b)];
      return collator.compare(x[0], y[0]) || collator.compare(x[1], y[1]) || collator.compare(x[2], y[2]);
    });
}

/**
 * The id of a row on its provider's page, linked from the code's section of the catalog: the
 * Errata code and the row's position among the provider's entries for it.
 *
 * @example
 * rowAnchor('RATE_LIMITED', 0); // 'RATE_LIMITED-1'
 */
export function rowAnchor(code: string, index: number): string {
  return `${code}-${index + 1}`;
}
