/**
 * `@errata/corpus`: the errors AI inference providers really sent (corpus/cases/<provider>.yaml),
 * validated by the build and loaded here, one list for the tests, the bench, the sandbox and the
 * docs. The shape is corpus/case.schema.yaml's.
 */
import { readFileSync } from 'node:fs';

/** One error a provider sent (or documents), and the canonical code it must become. */
export interface CorpusCase {
  /** The provider's id in spec/providers.yaml (the file the case is in). */
  provider: string;
  id: string;
  kind: 'observed' | 'documented';
  source: { url: string; type: string; title?: string; date?: string };
  transcription: string;
  meaning: string;
  given: {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    stream?: { format: 'sse' | 'aws-eventstream' | 'ndjson'; event?: string; data: string };
    sdk_error?: {
      package: string;
      version?: string;
      class: string;
      message?: string;
      properties?: Record<string, unknown>;
    };
  };
  want: { code: string; retry_after?: number; note?: string };
}

/**
 * Every case, in file order (providers alphabetically), as the build validated them.
 *
 * @example
 * import { corpusCases } from '@errata/corpus';
 * corpusCases.filter((c) => c.kind === 'observed' && c.given.body !== undefined).length;
 */
export const corpusCases: readonly CorpusCase[] = JSON.parse(
  readFileSync(new URL('./cases.json', import.meta.url), 'utf8'),
);
