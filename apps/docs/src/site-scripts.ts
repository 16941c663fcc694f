/**
 * The site's scripts, bundled and minified for the browser with esbuild, as ES modules the pages
 * load from the site itself (cacheable, never from another origin):
 * - `assets/paste.js`, the paste box's form (src/browser/paste/paste-box.ts), which loads
 * - `assets/paste-answer.js` on its first answer: the normalizer of `@errata/client/normalize`,
 *   the catalog of `@errata/types`, and the answer (paste-answer.ts);
 * - `assets/catalog-filter.js`, the catalog's filter (src/browser/catalog-filter.ts).
 * esbuild reads the TypeScript sources directly.
 */
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { packageDir } from './package-dir.js';

/** Each script of the site and its entry point. */
const ENTRIES = {
  'assets/paste.js': 'src/browser/paste/paste-box.ts',
  // Loaded by paste.js on the first answer (a runtime import of its URL, which esbuild leaves as it is).
  'assets/paste-answer.js': 'src/browser/paste/paste-answer.ts',
  'assets/catalog-filter.js': 'src/browser/catalog-filter.ts',
};

/**
 * Every script of the site, by its path in dist/.
 *
 * @example
 * for (const [name, source] of Object.entries(siteScripts())) writeFileSync(join('dist', name), source);
 */
export function siteScripts(): Record<string, string> {
  return Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [name, bundle(join(packageDir, entry))]));
}

/** One script, bundled and minified. */
function bundle(entry: string): string {
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
