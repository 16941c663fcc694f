/**
 * What the catalog's filter knows of each code beyond its section: what every provider calls it
 * (its code, name, status and message, as the crosswalk records them). Written to
 * `assets/catalog-search.json` and fetched by the filter on first use, so the catalog page itself
 * lists each provider's code only (the detail is on the provider's page).
 */
import type { DocsModel } from './docs-model.js';
import { type DocumentedEntry, theirId } from './provider-errors.js';
import type { CatalogSearch, SearchRow } from './search-index.js';

/**
 * A crosswalk row in words: "OpenAI rate_limit_exceeded “Rate limit reached” (429) “Rate limit …”".
 *
 * @example
 * searchLabel('Cloudflare Workers AI (REST API)', { internal_code: 3003, name: 'Incomplete request', status: 400 });
 * // 'Cloudflare Workers AI (REST API) 3003 “Incomplete request” (400)'
 */
function searchLabel(title: string, row: DocumentedEntry): string {
  const parts = [
    title,
    theirId(row),
    row.name ? `“${row.name}”` : '',
    row.status !== undefined ? `(${row.status})` : '',
    row.message ? `“${row.message}”` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * Every code's provider errors, in words, keyed by code; and each provider's title and the fields
 * its bodies carry (a search for `messege` finds ModelsLab's errors).
 *
 * @example
 * catalogSearch(model).codes.INCOMPLETE_REQUEST?.[0];
 * // { provider: 'workers-ai', label: 'Cloudflare Workers AI (REST API) 3003 “Incomplete request” (400)',
 * //   number: '3003' }
 */
export function catalogSearch(model: DocsModel): CatalogSearch {
  const byCode: Record<string, SearchRow[]> = Object.fromEntries(model.entries.map((entry) => [entry.code, []]));
  for (const row of model.crosswalk) {
    const title = model.providers[row.provider]?.title ?? row.provider;
    const id = theirId(row);
    byCode[row.canonical]?.push({
      provider: row.provider,
      label: searchLabel(title, row),
      ...(/^\d+$/.test(id) ? { number: id } : {}),
    });
  }
  const providers = Object.fromEntries(
    Object.entries(model.providers).map(([id, provider]) => [
      id,
      { title: provider.title, fields: [...new Set(Object.values(provider.fields ?? {}).flat())] },
    ]),
  );
  return { codes: byCode, providers };
}
