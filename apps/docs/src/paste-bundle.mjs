/**
 * Bundles the paste box (src/browser/paste/) for the browser with esbuild: the normalizer of
 * `@errata/client/normalize`, the catalog and texts of `@errata/types`, and the box itself, as one
 * minified ES module the pages load from the site (`assets/paste.js`).
 */
import { buildSync } from 'esbuild';

/**
 * The bundle's source.
 *
 * @example
 * writeFileSync('dist/assets/paste.js', pasteBundle());
 * @returns {string}
 */
export function pasteBundle() {
  const result = buildSync({
    entryPoints: [new URL('./browser/paste/paste-box.js', import.meta.url).pathname],
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
