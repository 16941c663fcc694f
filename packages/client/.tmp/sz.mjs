import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const [,, resolveDir, ...snips] = process.argv;
for (const contents of snips) {
  const r = await build({ stdin: { contents, resolveDir, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external: ['openapi-fetch'] });
  const c = r.outputFiles[0].contents;
  console.log((gzipSync(c,{level:9}).length/1024).toFixed(2), 'KB gz', (c.length/1024).toFixed(2), 'KB min :', contents);
}
