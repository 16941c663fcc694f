// Prints the client entry's ESM size, minified and gzipped, without openapi-fetch (a peer the
// user ships anyway) and with @errata/types' catalog bundled in. Run by `pnpm build` and `pnpm bench`.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const target = 5 * 1024;

async function size(contents) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('../dist/', import.meta.url)), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external: ['openapi-fetch'],
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const rows = [
  ['whole entry (every export)', await size(`export * from ${JSON.stringify(entry)};`)],
  ['createClient only', await size(`export { createClient } from ${JSON.stringify(entry)};`)],
  ['normalizeError only', await size(`export { normalizeError } from ${JSON.stringify(entry)};`)],
  ['of which the catalog (@errata/types/catalog)', await size(`export { catalog } from '@errata/types/catalog';`)],
];
console.log('@errata/client size (esbuild, ESM, minified, gzip -9, openapi-fetch external):');
for (const [name, { min, gzip }] of rows) console.log(`  ${name.padEnd(46)} ${kb(min).padStart(9)} min  ${kb(gzip).padStart(8)} gzip`);
const whole = rows[0][1].gzip;
console.log(`  target ≤ ${kb(target)} gzip: ${whole <= target ? 'met' : 'NOT met'} (${(whole / target).toFixed(2)}× target)`);

// The long catalog texts must not be in the bundle: they live in @errata/types/texts.
const probe = await build({ stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: '.', loader: 'js' }, bundle: true, format: 'esm', platform: 'neutral', write: false, external: ['openapi-fetch'] });
const text = probe.outputFiles[0].text;
if (/remedy/.test(text)) {
  console.error('error: catalog texts (remedies) ended up in the client bundle');
  process.exit(1);
}
console.log('  catalog texts (descriptions, remedies): not bundled');
