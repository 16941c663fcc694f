// `pnpm dev`: serves the site on http://127.0.0.1:4011/ (PORT to change it) and rebuilds it
// whenever the spec or the docs generator changes. The rebuild goes through turbo, so the spec is
// bundled and @errata/types regenerated first, exactly as in `pnpm build`.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../src/static-server.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const watched = [
  { dir: `${repo}spec`, ignore: /^(dist|node_modules|\.turbo)(\/|$)/ },
  { dir: fileURLToPath(new URL('../src/', import.meta.url)), ignore: /\.test\.ts$/ },
];

/** @type {Promise<void>} */
let running = Promise.resolve();
let pending = false;

function rebuild() {
  if (pending) return;
  pending = true;
  running = running.then(
    () =>
      new Promise((done) => {
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
const server = await startStaticServer({ root: dist, port: Number(process.env.PORT ?? 4011) });
console.log(`Errata docs on ${server.url} (catalog: ${server.url}errors/, reference: ${server.url}reference/)`);

/** @type {NodeJS.Timeout | undefined} */
let timer;
for (const { dir, ignore } of watched) {
  watch(dir, { recursive: true }, (_event, file) => {
    if (file && ignore.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, 150);
  });
}
process.on('SIGINT', () => server.close().then(() => process.exit(0)));
