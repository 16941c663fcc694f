/**
 * The shape of `assets/catalog-search.json`: written by the generator (catalog-search.ts), read by
 * the catalog's filter in the browser (browser/catalog-filter.ts). No imports, so both sides can
 * share it.
 */

/** One provider error, in words. */
export interface SearchRow {
  provider: string;
  label: string;
  /** Its code or internal code, when that is a number (a filter term of digits matches its start). */
  number?: string;
}

/** A provider's title and the fields its error bodies carry. */
export interface SearchProvider {
  title: string;
  fields: string[];
}

/** What `assets/catalog-search.json` holds. */
export interface CatalogSearch {
  /** Every code's provider errors, keyed by code. */
  codes: Record<string, SearchRow[]>;
  providers: Record<string, SearchProvider>;
}
