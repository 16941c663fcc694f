// The client has no import cycle: every import counts (static, `import()`, `import type`), so that
// a reader, or a tool, can follow any module's imports to leaves. Read with TypeScript's own
// pre-processor, not a regex.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(f))
  .map((f) => join(src, f));

/** Each module's imports inside src/ (static, dynamic and type-only), by file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as a list of paths relative to src/. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) return void found.push([...path.slice(at), file].map((f) => relative(src, f)));
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return found;
}

describe('the client’s import graph', () => {
  it('reads every module and resolves every relative import', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    for (const [file, targets] of graph)
      for (const target of targets) expect(files, `${relative(src, file)} imports ${target}`).toContain(target);
  });

  it('has no cycle', () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  // The leaves the call path stands on: each imports only what is listed (of src/), so that none can
  // reach back into the loop.
  it.each([
    { name: 'the call description', given: 'internal/call-description.ts', want: [] },
    { name: 'the call result', given: 'internal/call-result.ts', want: ['errors.ts'] },
    { name: 'the timer strategy', given: 'internal/attempt-timer.ts', want: [] },
    { name: 'the retry decision', given: 'internal/decide.ts', want: ['retry-policy.ts'] },
    { name: 'the client errors', given: 'errors.ts', want: ['internal/catalog-view.ts', 'internal/raw-error.ts'] },
    { name: 'the one lazy seam', given: 'internal/load-deferred.ts', want: ['internal/deferred.ts'] },
  ])('$name ($given) imports only $want', ({ given, want }) => {
    const imports = importGraph().get(join(src, given));
    expect(imports?.map((f) => relative(src, f)).sort()).toEqual(want);
  });

  it('loads lazily in one place: only the seam calls import()', () => {
    const lazy = files.filter((file) => /\bimport\(['"]/.test(readFileSync(file, 'utf8')));
    expect(lazy.map((f) => relative(src, f))).toEqual(['internal/load-deferred.ts']);
  });

  it('would see a cycle: the walk finds one in a graph that has it', () => {
    const [a, b] = [join(src, 'a.ts'), join(src, 'b.ts')];
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});
