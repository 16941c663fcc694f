// `pnpm build`: writes the docs site into apps/docs/dist from the bundled spec and @errata/types.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSite } from '../src/build-site.mjs';

const outDir = fileURLToPath(new URL('../dist/', import.meta.url));
const files = buildSite(outDir);
for (const file of files) {
  console.log(`${String(statSync(outDir + file).size).padStart(9)}  dist/${file}`);
}
