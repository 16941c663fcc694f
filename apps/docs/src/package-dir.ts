/**
 * Where apps/docs is, the same whether this code runs from src/ (tests) or from dist/lib/ (the
 * build): the generator reads files that are not compiled (src/browser/ for esbuild, the
 * stylesheet), so it finds them from the package, not from its own file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The absolute path of apps/docs (no trailing slash). */
export const packageDir = dirname(createRequire(import.meta.url).resolve('@errata/docs/package.json'));

/** Where the build writes the site (the compiled generator is beside it, in dist/lib/). */
export const siteDir = join(packageDir, 'dist/site');
