// The packed tarballs served the way the npm registry serves a package (a packument naming each
// version's tarball and integrity), on 127.0.0.1, for one scope. npm is pointed at it for that scope
// only (`@errata:registry=…`), so `npm i @errata/spec` in the guide runs as written and every other
// package, including the @errata packages' own dependencies, comes from the real registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface Manifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

export interface ScopedRegistry {
  /** `http://127.0.0.1:<port>/`, for `@scope:registry=`. */
  url: string;
  /** The package names it serves. */
  names: string[];
  close(): Promise<void>;
}

/** The package.json inside a tarball made by `pnpm pack` (workspace ranges already replaced). */
function manifestOf(tarball: string): Manifest {
  return JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Manifest;
}

/**
 * Serves every `.tgz` of `folder` as a registry for its packages' scope.
 *
 * @example
 * const registry = await serveTarballs('/tmp/tarballs');
 * // npm_config_@errata:registry=registry.url npm i @errata/spec → the packed @errata/spec
 */
export async function serveTarballs(folder: string): Promise<ScopedRegistry> {
  const packages = new Map<string, { manifest: Manifest; file: string; bytes: Buffer }>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.tgz'))) {
    const manifest = manifestOf(join(folder, file));
    packages.set(manifest.name, { manifest, file, bytes: readFileSync(join(folder, file)) });
  }
  let base = '';
  const server: Server = createServer((request, response) => {
    // npm asks for `/@scope%2fname` (the packument) and then for the tarball URL the packument names.
    const path = decodeURIComponent(new URL(request.url ?? '/', base).pathname).slice(1);
    const tarball = [...packages.values()].find((p) => path === `${p.manifest.name}/-/${p.file}`);
    if (tarball) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(tarball.bytes);
      return;
    }
    const entry = packages.get(path);
    if (!entry) {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const { manifest, file, bytes } = entry;
    const packument = {
      name: manifest.name,
      'dist-tags': { latest: manifest.version },
      versions: {
        [manifest.version]: {
          ...manifest,
          _id: `${manifest.name}@${manifest.version}`,
          dist: {
            tarball: `${base}${manifest.name}/-/${file}`,
            integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
            shasum: createHash('sha1').update(bytes).digest('hex'),
          },
        },
      },
    };
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    names: [...packages.keys()],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
