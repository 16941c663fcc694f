// `pnpm build` (after tsc): writes the docs site into apps/docs/dist/site from the bundled spec and @errata/types.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../build-site.js';
import { siteDir } from '../package-dir.js';

const files = buildSite(siteDir);
for (const file of files) {
  console.log(`${String(statSync(join(siteDir, file)).size).padStart(9)}  dist/site/${file}`);
}
