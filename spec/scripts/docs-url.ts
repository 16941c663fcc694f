// Where the bundled spec says the docs live. The split spec's `x-errata.docs_url` (and every
// example's `doc_url`, which lint keeps equal to `{docs_url}#{code}`) names the project's catalog;
// a team that publishes apps/docs/dist/site elsewhere sets one build setting, the docs' base URL
// (`ERRATA_DOCS_URL`, or `--docs-url` to this script), and the bundle then names that site's
// catalog everywhere: `${base}errors/#CODE`. @errata/types, the client and the docs read it from there.

/** What these functions read of the bundled document: its root `x-errata` extension. */
export interface BundledSpec {
  'x-errata'?: { docs_url?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The catalog URL for a docs base URL: `https://me.github.io/errata` → `https://me.github.io/errata/errors/`.
 *
 * @example
 * catalogUrl('http://127.0.0.1:4010/docs/'); // 'http://127.0.0.1:4010/docs/errors/'
 */
export function catalogUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`ERRATA_DOCS_URL must be an absolute http(s) URL, got ${JSON.stringify(base)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`ERRATA_DOCS_URL must be http(s), got ${JSON.stringify(base)}`);
  if (url.search || url.hash)
    throw new Error(`ERRATA_DOCS_URL must have no query or fragment, got ${JSON.stringify(base)}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL('errors/', url).href;
}

/**
 * Points the bundled document at another catalog: `x-errata.docs_url` and every `doc_url` string
 * that starts with the old one (the examples of every code, the stream events' examples).
 *
 * @example
 * withDocsUrl(doc, 'http://127.0.0.1:4010/docs/errors/'); // the same document, doc_urls rewritten
 * @param docsUrl the catalog page's URL
 */
export function withDocsUrl<Doc extends BundledSpec>(doc: Doc, docsUrl: string): Doc {
  const old = doc['x-errata']?.docs_url;
  if (typeof old !== 'string') throw new Error('The spec has no x-errata.docs_url to rewrite');
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === 'doc_url' && typeof value === 'string' && value.startsWith(`${old}#`)
          ? `${docsUrl}${value.slice(old.length)}`
          : walk(value),
      ]),
    );
  };
  // walk keeps every key and only rewrites doc_url strings: the result has the input's shape.
  const rewritten = walk(doc) as Doc;
  rewritten['x-errata'] = { ...rewritten['x-errata'], docs_url: docsUrl };
  return rewritten;
}

/**
 * The docs base URL this build was asked for: `--docs-url <url>`, else `ERRATA_DOCS_URL`.
 *
 * @example
 * requestedDocsBase(['--docs-url', 'https://a.test/'], {}); // 'https://a.test/'
 */
export function requestedDocsBase(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string | undefined {
  const flag = argv.indexOf('--docs-url');
  if (flag !== -1) {
    const value = argv[flag + 1];
    if (!value) throw new Error('--docs-url needs a URL');
    return value;
  }
  return env.ERRATA_DOCS_URL || undefined;
}
