/**
 * The observed corpus as the provider sandbox reads it: what each provider really sent, and the
 * canonical code each case means (corpus/README.md). The sandbox answers a fault only with a case
 * from here, so that an SDK under test meets a body some provider really sent, never one made up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One corpus case: the fields the provider sandbox reads (corpus/case.schema.yaml has them all). */
export interface CorpusCase {
  id: string;
  kind: 'observed' | 'documented';
  source: { url: string; type: string };
  meaning: string;
  given: {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    stream?: { format: 'sse' | 'aws-eventstream' | 'ndjson'; event?: string; data: string };
    sdk_error?: unknown;
  };
  want: { code: string; retry_after?: number };
}

/** The cases of each provider, by provider id. */
export type Corpus = ReadonlyMap<string, readonly CorpusCase[]>;

const corpusDir = fileURLToPath(new URL('../../../corpus/cases/', import.meta.url));

/**
 * Reads corpus/cases/*.yaml (validated against corpus/case.schema.yaml by the corpus's own tests).
 *
 * @example
 * const corpus = loadCorpus();
 * corpus.get('openai')?.length; // how many OpenAI cases there are
 */
export function loadCorpus(dir: string = corpusDir): Corpus {
  const corpus = new Map<string, CorpusCase[]>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
    const { provider, cases } = parse(readFileSync(join(dir, file), 'utf8')) as {
      provider: string;
      cases: CorpusCase[];
    };
    corpus.set(provider, [...(corpus.get(provider) ?? []), ...cases]);
  }
  return corpus;
}
