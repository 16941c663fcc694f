/**
 * The site's scripts, bundled and minified for the browser with esbuild, as ES modules the pages
 * load from the site itself (cacheable, never from another origin):
 * - `assets/paste.js`, the paste box (src/browser/paste/): the normalizer of
 *   `@errata/client/normalize`, the catalog of `@errata/types`, and the box;
 * - `assets/catalog-filter.js`, the catalog's filter (src/browser/catalog-filter.js).
 */
import { buildSync } from 'esbuild';

/** Each script of the site and its entry point. */
const ENTRIES = {
  'assets/paste.js': './browser/paste/paste-box.js',
  'assets/catalog-filter.js': './browser/catalog-filter.js',
};

/**
 * Every script of the site, by its path in dist/.
 *
 * @example
 * for (const [name, source] of Object.entries(siteScripts())) writeFileSync(join('dist', name), source);
 * @returns {Record<string, string>}
 */
export function siteScripts() {
  return Object.fromEntries(
    Object.entries(ENTRIES).map(([name, entry]) => [name, bundle(new URL(entry, import.meta.url).pathname)]),
  );
}

/**
 * @param {string} entry
 * @returns {string}
 */
function bundle(entry) {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    write: false,
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote no paste bundle');
  return file.text;
}
