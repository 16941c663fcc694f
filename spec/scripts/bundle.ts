// Bundles the split spec into one document, dist/openapi.json and dist/openapi.yaml: the form
// that every package generates from and that ships to users. Lint runs separately (`pnpm lint`).
// ERRATA_DOCS_URL (or --docs-url) is the docs site's base URL; when set, the bundle's
// x-errata.docs_url and every doc_url point at `${base}errors/` (see docs-url.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { type BundledSpec, catalogUrl, requestedDocsBase, withDocsUrl } from './docs-url.js';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(specDir, 'dist');
mkdirSync(dist, { recursive: true });
execFileSync('redocly', ['bundle', '--config', '../redocly.yaml', 'openapi.yaml', '-o', 'dist/openapi.json'], {
  cwd: specDir,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = requestedDocsBase(process.argv.slice(2), process.env);
/** What the summary line reads of the bundle. */
type Bundle = BundledSpec & { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
const bundled = JSON.parse(readFileSync(join(dist, 'openapi.json'), 'utf8')) as Bundle;
const doc = base ? withDocsUrl(bundled, catalogUrl(base)) : bundled;
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
writeFileSync(join(dist, 'openapi.yaml'), stringify(doc, { lineWidth: 0 }));
console.log(
  `bundled ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas ` +
    `into spec/dist/; docs at ${doc['x-errata']?.docs_url}`,
);
