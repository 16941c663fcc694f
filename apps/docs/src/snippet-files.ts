/**
 * Every TypeScript snippet the site shows, as whole files a reader could paste: the client setup
 * the catalog assumes, followed by one snippet. The type-check test compiles them against
 * @errata/client and @errata/types, so a snippet that no longer matches the client fails the build.
 */
import { clientSetup, handlingSnippet, operationSample } from './client-snippets.js';
import type { DocsModel } from './docs-model.js';
import { streamSnippet } from './stream-snippet.js';

/** One snippet as a whole file, and where it appears. */
export interface SnippetFile {
  name: string;
  kind: 'setup' | 'operation' | 'code' | 'stream';
  source: string;
}

/**
 * The snippets, one file each, named after where they appear.
 *
 * @example
 * snippetFiles(model).find((f) => f.name === 'code-OVERLOADED')?.source; // "import { createClient } …"
 *
 * @param baseUrl where the client points (default: the spec's first server)
 */
export function snippetFiles(model: DocsModel, baseUrl?: string): SnippetFile[] {
  const setup = clientSetup(model.spec, baseUrl);
  // The reference's samples create their own client; the catalog's assume the setup above them.
  const withSetup = (snippet: string) => `${setup}\n\n${snippet}\n`;
  return [
    { name: 'setup', kind: 'setup', source: `${setup}\nconsole.log(client);\n` },
    ...model.operations.map((op) => ({
      name: `operation-${op.operationId}`,
      kind: 'operation' as const,
      source: `${operationSample(model.spec, op).replace(clientSetup(model.spec), setup)}\n`,
    })),
    ...model.entries.map((entry) => ({
      name: `code-${entry.code}`,
      kind: 'code' as const,
      source: withSetup(handlingSnippet(model.spec, model.operations, entry)),
    })),
    ...model.stream.codes.map((midStream) => ({
      name: `stream-${midStream.code}`,
      kind: 'stream' as const,
      source: withSetup(streamSnippet(model.spec, model.stream, midStream)),
    })),
  ];
}
