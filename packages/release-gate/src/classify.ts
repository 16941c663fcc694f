import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { catalogChanges } from './catalog-diff.js';
import { genericChanges } from './generic-diff.js';
import type { SpecChange } from './impact.js';

/**
 * Every change between two bundled specs, classified by the bump it requires: Redocly's generic
 * verdicts plus Errata's catalog rules.
 *
 * @example
 * const changes = await classifySpecChanges('spec/released/openapi.json', 'spec/dist/openapi.json');
 */
export async function classifySpecChanges(baseFile: string, revisionFile: string): Promise<SpecChange[]> {
  const [base, revision] = await Promise.all(
    [baseFile, revisionFile].map(async (file) => parse(await readFile(file, 'utf8'))),
  );
  const [errata, generic] = await Promise.all([catalogChanges(base, revision), genericChanges(baseFile, revisionFile)]);
  return [...errata, ...generic];
}
