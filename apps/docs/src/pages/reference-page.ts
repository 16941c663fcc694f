/**
 * The API reference page (dist/reference/index.html): Redoc, served from the site itself
 * (redoc.standalone.js beside the page, a cacheable file) rendering the docs copy of the spec
 * (openapi.json beside the page). Nothing is loaded from another origin: no CDN, no web fonts.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { DocsModel } from '../docs-model.js';
import { esc } from '../html.js';
import { packageDir } from '../package-dir.js';

// Inlined in the page (it must run as Redoc renders); esbuild strips its types.
const a11yFixes = transformSync(readFileSync(join(packageDir, 'src/browser/redoc-a11y.ts'), 'utf8'), {
  loader: 'ts',
  target: 'es2022',
}).code;

/** Redoc options; the theme keeps text contrast at WCAG AA. */
const options = {
  expandResponses: '',
  hideDownloadButton: false,
  jsonSampleExpandLevel: 3,
  // The @errata/client sample first, the raw payload after it.
  payloadSampleIdx: 1,
  pathInMiddlePanel: true,
  theme: {
    typography: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
      code: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
    },
  },
};

/**
 * Renders the reference page.
 */
export function referencePage(model: DocsModel): string {
  const title = `${model.spec.info?.title ?? 'API'} reference`;
  return (
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>body{margin:0}
/* The catalog's tables in the Errors tag: compact enough for the middle panel at 1400 px, and
   scrolling inside it (never clipped) where it is narrower. */
#redoc .redoc-markdown table{display:block;max-width:100%;overflow-x:auto;font-size:13px}
#redoc .redoc-markdown table td,#redoc .redoc-markdown table th{padding:5px 7px}</style>
</head>
<body>
<main id="redoc" aria-label="${esc(title)}"></main>
<noscript><p>The reference needs JavaScript. The ` +
    `<a href="../errors/">error catalog</a> and <a href="openapi.json">openapi.json</a> do not.</p></noscript>
<script src="redoc.standalone.js"></script>
<script>${a11yFixes}</script>
<script>Redoc.init('openapi.json', ${JSON.stringify(options)}, document.getElementById('redoc'));</script>
</body>
</html>
`
  );
}
