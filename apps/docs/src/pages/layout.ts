/**
 * The frame every page shares: head, inline stylesheet, the site's navigation. Links are relative
 * (`root` is the way back to the site's root) so the site works under any prefix: `/docs/` in the
 * sandbox, `/` on a static host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { esc } from '../html.js';
import { packageDir } from '../package-dir.js';

// The stylesheet is kept readable (and formatted) in src/; every page inlines it minified.
const css = transformSync(readFileSync(join(packageDir, 'src/browser/site.css'), 'utf8'), {
  loader: 'css',
  minify: true,
}).code.trim();

/** What a page is made of. */
export interface PageOptions {
  title: string;
  description?: string;
  /** The way back to the site's root from the page (`./`, `../`, …). */
  root: string;
  /** The navigation entry the page belongs to. */
  current: 'home' | 'errors' | 'providers';
  /** The page's content, HTML. */
  main: string;
  /** An inline module script. */
  script?: string;
  /** The site's own scripts, relative to `root`. */
  modules?: string[];
}

/**
 * A whole HTML document.
 *
 * @example
 * page({ title: 'Errata docs', root: './', current: 'home', main: '<h1>Errata</h1>' });
 */
export function page({ title, description = '', root, current, main, script = '', modules = [] }: PageOptions): string {
  const link = (href: string, label: string, active: boolean) =>
    `<a href="${esc(href)}"${active ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
  const nav = [
    link(root, 'Errata docs', current === 'home'),
    link(`${root}errors/`, 'Error catalog', current === 'errors'),
    link(`${root}reference/`, 'API reference', false),
  ].join('');
  const scripts =
    (script ? `<script type="module">${script}</script>` : '') +
    modules.map((m) => `<script type="module" src="${esc(root + m)}"></script>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site">${nav}</nav></header>
<main id="main">
${main}
</main>
${scripts}
</body>
</html>
`;
}
