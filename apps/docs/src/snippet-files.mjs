/**
 * Every TypeScript snippet the site shows, as whole files a reader could paste: the client setup
 * the catalog assumes, followed by one snippet. The type-check test compiles them against
 * @errata/client and @errata/types, so a snippet that no longer matches the client fails the build.
 */
import { clientSetup, handlingSnippet, operationSample } from './client-snippets.mjs';
import { streamSnippet } from './stream-snippet.mjs';

/**
 * @typedef {{ name: string, kind: 'setup' | 'operation' | 'code' | 'stream', source: string }} SnippetFile
 */

/**
 * The snippets, one file each, named after where they appear.
 *
 * @example
 * snippetFiles(model).find((f) => f.name === 'code-OVERLOADED')?.source; // "import { createClient } …"
 * @param {import('./model.js').DocsModel} model
 * @param {string} [baseUrl] where the client points (default: the spec's first server)
 * @returns {SnippetFile[]}
 */
export function snippetFiles(model, baseUrl) {
  const setup = clientSetup(model.spec, baseUrl);
  // The reference's samples create their own client; the catalog's assume the setup above them.
  const withSetup = (/** @type {string} */ snippet) => `${setup}\n\n${snippet}\n`;
  return [
    { name: 'setup', kind: 'setup', source: `${setup}\nconsole.log(client);\n` },
    ...model.operations.map((op) => ({
      name: `operation-${op.operationId}`,
      kind: /** @type {const} */ ('operation'),
      source: `${operationSample(model.spec, op).replace(clientSetup(model.spec), setup)}\n`,
    })),
    ...model.entries.map((entry) => ({
      name: `code-${entry.code}`,
      kind: /** @type {const} */ ('code'),
      source: withSetup(handlingSnippet(model.spec, model.operations, entry)),
    })),
    ...model.stream.codes.map((midStream) => ({
      name: `stream-${midStream.code}`,
      kind: /** @type {const} */ ('stream'),
      source: withSetup(streamSnippet(model.spec, model.stream, midStream)),
    })),
  ];
}
