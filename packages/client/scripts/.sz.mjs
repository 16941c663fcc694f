import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({ stdin: { contents: process.argv[2], resolveDir: process.cwd()+'/dist', loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external: ['openapi-fetch'], metafile: true,
 plugins: [{ name: 's', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined) }] });
const code = r.outputFiles[0].contents; console.log(code.length, gzipSync(code,{level:9}).length);
const out = Object.values(r.metafile.outputs)[0];
for (const [f, v] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)) console.log(v.bytesInOutput, f);
if (process.argv[3]) console.log(new TextDecoder().decode(code));
