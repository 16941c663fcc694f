// Serves the built docs (apps/docs/dist/site) under /docs/: `/docs/errors` redirects to `/docs/errors/`,
// which serves errors/index.html; content types come from the extension, and nothing outside the
// folder can be reached.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import type { SandboxEnv } from './env.js';

/**
 * apps/docs/dist/site (the site; the docs' compiled generator is beside it in dist/lib), next to
 * this app, when it has been built.
 */
export function defaultDocsDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../../docs/dist/site', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

function candidates(root: string, urlPath: string): string[] {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const base = resolve(root, relative);
  if (base !== root && !base.startsWith(root + sep)) return [];
  return urlPath.endsWith('/') || relative === '' ? [join(base, 'index.html')] : [base, `${base}.html`];
}

export async function serveDocs(c: Context<SandboxEnv>, root: string | undefined): Promise<Response> {
  if (!root) {
    return c.html(
      '<!doctype html><title>Errata docs</title><p>The docs are not built. ' +
        'Run <code>pnpm build</code> (apps/docs) and restart the sandbox.</p>',
      404,
    );
  }
  const urlPath = c.req.path.slice('/docs'.length) || '/';
  let paths: string[];
  try {
    paths = candidates(resolve(root), urlPath);
  } catch {
    paths = [];
  }
  // A folder without its trailing slash: redirect, so relative links in its index.html resolve
  // inside it (`/docs/errors#CODE`, the spec's doc_url, lands on `/docs/errors/#CODE`: browsers
  // keep the fragment across a redirect).
  const folder = paths[0];
  if (
    !urlPath.endsWith('/') &&
    folder !== undefined &&
    existsSync(folder) &&
    statSync(folder).isDirectory() &&
    existsSync(join(folder, 'index.html'))
  ) {
    const query = new URL(c.req.url).search;
    return c.redirect(`${c.req.path}/${query}`, 301);
  }
  for (const path of paths) {
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    c.header('Content-Type', getMimeType(path) ?? 'application/octet-stream');
    return c.body(await readFile(path));
  }
  return c.html('<!doctype html><title>Not found</title><p>No such page in the docs.</p>', 404);
}
