// `pnpm dev`: serves the site on http://127.0.0.1:4011/ (PORT to change it) and rebuilds it
// whenever the spec or the docs generator changes. The rebuild goes through turbo, so the spec is
// bundled, @errata/types regenerated and the generator recompiled first, exactly as in `pnpm build`.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { packageDir, siteDir } from '../package-dir.js';
import { startStaticServer } from '../static-server.js';

const repo = join(packageDir, '../..');
const watched = [
  { dir: join(repo, 'spec'), ignore: /^(dist|node_modules|\.turbo)(\/|$)/ },
  { dir: join(packageDir, 'src'), ignore: /\.test\.ts$/ },
];

let running = Promise.resolve();
let pending = false;

function rebuild(): void {
  if (pending) return;
  pending = true;
  running = running.then(
    () =>
      new Promise<void>((done) => {
        pending = false;
        const started = Date.now();
        const child = spawn(
          'pnpm',
          ['exec', 'turbo', 'run', 'build', '--filter=@errata/docs', '--output-logs=errors-only'],
          {
            cwd: repo,
            stdio: 'inherit',
          },
        );
        child.on('exit', (code) => {
          console.log(code === 0 ? `docs rebuilt in ${Date.now() - started} ms` : `docs build failed (exit ${code})`);
          done();
        });
      }),
  );
}

rebuild();
await running;
const server = await startStaticServer({ root: siteDir, port: Number(process.env.PORT ?? 4011) });
console.log(`Errata docs on ${server.url} (catalog: ${server.url}errors/, reference: ${server.url}reference/)`);

let timer: NodeJS.Timeout | undefined;
for (const { dir, ignore } of watched) {
  watch(dir, { recursive: true }, (_event, file) => {
    if (file && ignore.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, 150);
  });
}
process.on('SIGINT', () => server.close().then(() => process.exit(0)));
