// Prints each entry's ESM size, minified and gzipped, without openapi-fetch (a peer the user ships
// anyway) or @opentelemetry/api (the optional peer of /telemetry) and with @errata/types bundled in:
// what loads with the entry, i.e. its static import graph. What only `import()` reaches (the
// deferred failure path and call options) loads on first use and is printed on its own line, as
// what it adds to the whole bundle. Fails the build when the main entry is over 5 KB or /stream
// over 6 KB, when @opentelemetry/api is reachable from any entry but /telemetry, when the catalog
// (titles, crosswalk) gets into the main entry — it reads the compact @errata/types/policy — or
// when the catalog's long texts get into any entry. Run by `pnpm build` and `pnpm bench`.

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type OutputFile, type Plugin } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const main = '@errata/client';
const entries: Record<string, string> = {
  [main]: './index.js',
  '@errata/client/stream': './stream.js',
  '@errata/client/queue': './queue.js',
  '@errata/client/normalize': './normalize-error.js',
  '@errata/client/adapters': './adapters.js',
  '@errata/client/telemetry': './telemetry.js',
};
// Budgets (gzip) for the entries that have one: each entry's static import graph.
const budgets: Record<string, number> = { [main]: 5 * 1024, '@errata/client/stream': 6 * 1024 };
const external = ['openapi-fetch', '@opentelemetry/api'];

async function bundle(contents: string, minify = true): Promise<OutputFile> {
  const result = await build({
    stdin: { contents, resolveDir: dist, loader: 'js' },
    bundle: true,
    minify,
    format: 'esm',
    platform: 'neutral',
    write: false,
    external,
  });
  return result.outputFiles[0]!;
}

// What loads with the entry: `import()`s are left out (a plugin marks them external), so only the
// entry's static import graph is measured; `lazy` is what the whole graph, `import()`s inlined, adds.
const staticOnly: Plugin = {
  name: 'static-only',
  setup: (b) =>
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    ),
};

async function measure(contents: string, plugins: Plugin[]): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: dist, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    external,
    plugins,
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** An entry's size, and what its `import()`s add when they load. */
interface Size {
  min: number;
  gzip: number;
  lazy: { min: number; gzip: number } | undefined;
}

async function size(contents: string): Promise<Size> {
  const [entry, whole] = await Promise.all([measure(contents, [staticOnly]), measure(contents, [])]);
  const lazy = whole.min > entry.min ? { min: whole.min - entry.min, gzip: whole.gzip - entry.gzip } : undefined;
  return { ...entry, lazy };
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const all = (file: string) => `export * from ${JSON.stringify(file)};`;
const rows: [string, Size][] = [
  ...(await Promise.all(
    Object.entries(entries).map(
      async ([name, file]): Promise<[string, Size]> => [`${name} (every export)`, await size(all(file))],
    ),
  )),
  ['createClient only', await size(`export { createClient } from './index.js';`)],
  ['for scale: the catalog (@errata/types/catalog)', await size(`export { catalog } from '@errata/types/catalog';`)],
  ['for scale: the policy (@errata/types/policy)', await size(`export * from '@errata/types/policy';`)],
];
console.log('@errata/client size (esbuild, ESM, minified, gzip -9, openapi-fetch and @opentelemetry/api external):');
for (const [name, { min, gzip, lazy }] of rows) {
  console.log(`  ${name.padEnd(48)} ${kb(min).padStart(9)} min  ${kb(gzip).padStart(8)} gzip`);
  if (lazy)
    console.log(
      `  ${'  + loaded on first use (import(), added)'.padEnd(48)} ` +
        `${kb(lazy.min).padStart(9)} min  ${kb(lazy.gzip).padStart(8)} gzip`,
    );
}

const failures: string[] = [];
for (const [name, budget] of Object.entries(budgets)) {
  const { gzip } = rows.find(([row]) => row.startsWith(`${name} `))![1];
  console.log(
    `  target ≤ ${kb(budget)} gzip for ${name}: ${gzip <= budget ? 'met' : 'NOT met'} ` +
      `(${(gzip / budget).toFixed(2)}× target)`,
  );
  if (gzip > budget) failures.push(`${name} is ${kb(gzip)} minified and gzipped, over the ${kb(budget)} budget`);
}

// Unminified, so that property names and strings are greppable. Titles are checked by one that
// no other data has ("Prompt violates content policy"): the catalog's, not the policy's.
for (const [name, file] of Object.entries(entries)) {
  const text = (await bundle(all(file), false)).text;
  if (/remedy|midStreamNote|"description"/.test(text))
    failures.push(`catalog texts (descriptions, remedies, mid-stream notes) ended up in ${name}`);
  if (name === main && /crosswalk|Prompt violates content policy/.test(text))
    failures.push(`the catalog (titles, crosswalk) ended up in ${name}: read @errata/types/policy instead`);
  if (name !== '@errata/client/telemetry' && text.includes('@opentelemetry/api'))
    failures.push(`@opentelemetry/api is reachable from ${name}: only @errata/client/telemetry may load it`);
}
if (failures.length) {
  for (const failure of failures) console.error(`error: ${failure}`);
  process.exit(1);
}
console.log(`  catalog texts: in no entry; the catalog's titles and crosswalk: not in ${main}`);
