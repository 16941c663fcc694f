/**
 * Writes the whole site into an output folder:
 *
 *   index.html                    landing page
 *   openapi.json, openapi.yaml    the canonical bundled spec, for download
 *   errors/index.html             the error catalog (one section per code: errors/#CODE)
 *   errors/endpoints/index.html   the codes of each operation
 *   reference/index.html          Redoc
 *   reference/redoc.standalone.js Redoc's bundle, served from the site (no CDN)
 *   reference/openapi.json        the docs copy of the spec that Redoc renders
 *   assets/paste.js               the paste box's form; on its first answer it loads
 *   assets/paste-answer.js        the answering half (the client's normalizer and the catalog, bundled)
 *   assets/catalog-filter.js      the catalog's filter
 *   assets/catalog-search.json    what each provider calls each code, for the filter (fetched on first use)
 *   providers/<id>/index.html     one page per seed provider: its errors and their Errata codes
 *   clients/index.html            how SDKs handle the errors providers send (the client conformance run)
 *   contribute/index.html         how to add an error a provider really sent to the corpus
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { catalogSearch } from './catalog-search.js';
import { buildModel, loadSpec, specPath } from './docs-model.js';
import { catalogPage } from './pages/catalog-page.js';
import { clientsPage, loadClientReport } from './pages/clients-page.js';
import { contributePage } from './pages/contribute-page.js';
import { endpointsPage } from './pages/endpoints-page.js';
import { landingPage } from './pages/landing-page.js';
import { providerPage } from './pages/provider-page.js';
import { referencePage } from './pages/reference-page.js';
import { referenceSpec } from './reference-spec.js';
import { siteScripts } from './site-scripts.js';

const require = createRequire(import.meta.url);

/**
 * Builds the site into `outDir`, replacing what was there.
 *
 * @example
 * const files = buildSite('dist/site'); // ['index.html', 'errors/index.html', …]
 * @returns the files written, relative to outDir
 */
export function buildSite(outDir: string): string[] {
  const model = buildModel(loadSpec());
  const files: Record<string, string | Buffer> = {
    'index.html': landingPage(model),
    'openapi.json': readFileSync(specPath),
    'openapi.yaml': readFileSync(specPath.replace(/\.json$/, '.yaml')),
    'errors/index.html': catalogPage(model),
    'errors/endpoints/index.html': endpointsPage(model),
    'clients/index.html': clientsPage(loadClientReport()),
    'contribute/index.html': contributePage(),
    'reference/index.html': referencePage(model),
    'reference/openapi.json': JSON.stringify(referenceSpec(model, '../errors/')),
    'reference/redoc.standalone.js': redocBundle(),
    'assets/catalog-search.json': JSON.stringify(catalogSearch(model)),
    ...siteScripts(),
    ...Object.fromEntries(
      Object.keys(model.providers).map((id) => [`providers/${id}/index.html`, providerPage(model, id)]),
    ),
  };
  rmSync(outDir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), content);
  }
  const license = require.resolve('redoc/bundles/redoc.standalone.js').replace(/\.js$/, '.js.LICENSE.txt');
  copyFileSync(license, join(outDir, 'reference/redoc.standalone.js.LICENSE.txt'));
  return [...Object.keys(files), 'reference/redoc.standalone.js.LICENSE.txt'];
}

/** The one URL outside the site that Redoc's bundle loads: the logo beside "API docs by Redocly". */
const REDOC_CDN_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';

/**
 * Redoc's standalone bundle, made self-contained: its side menu always shows a logo from Redoc's
 * CDN (there is no option to turn it off), which fails on intranets and offline. Pointing it at
 * `data:,` makes the image fail to decode, and Redoc's own onError handler then leaves it out.
 * The source map comment goes too: the map is not shipped.
 */
function redocBundle(): string {
  const source = readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8');
  const parts = source.split(REDOC_CDN_LOGO);
  if (parts.length !== 2) {
    throw new Error(
      `Expected Redoc's bundle to load ${REDOC_CDN_LOGO} once; found ${parts.length - 1}. Check the redoc upgrade.`,
    );
  }
  return parts.join('"data:,"').replace(/\n\/\/# sourceMappingURL=redoc\.standalone\.js\.map\s*$/, '\n');
}
