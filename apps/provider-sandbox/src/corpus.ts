/**
 * The observed corpus as the provider sandbox reads it: what each provider really sent, and the
 * canonical code each case means (corpus/README.md), grouped by provider. The sandbox answers a
 * fault only with a case from here, so that an SDK under test meets a body some provider really
 * sent, never one made up.
 */
import { type CorpusCase, corpusCases } from '@errata/corpus';

export type { CorpusCase };

/** The cases of each provider, by provider id. */
export type Corpus = ReadonlyMap<string, readonly CorpusCase[]>;

/**
 * The corpus (`@errata/corpus`, validated by its build), grouped by provider.
 *
 * @example
 * const corpus = loadCorpus();
 * corpus.get('openai')?.length; // how many OpenAI cases there are
 */
export function loadCorpus(cases: readonly CorpusCase[] = corpusCases): Corpus {
  const corpus = new Map<string, CorpusCase[]>();
  for (const c of cases) corpus.set(c.provider, [...(corpus.get(c.provider) ?? []), c]);
  return corpus;
}
