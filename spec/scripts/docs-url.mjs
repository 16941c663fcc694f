// Where the bundled spec says the docs live. The split spec's `x-errata.docs_url` (and every
// example's `doc_url`, which lint keeps equal to `{docs_url}#{code}`) names the project's catalog;
// a team that publishes apps/docs/dist/site elsewhere sets one build setting, the docs' base URL
// (`ERRATA_DOCS_URL`, or `--docs-url` to this script), and the bundle then names that site's
// catalog everywhere: `${base}errors/#CODE`. @errata/types, the client and the docs read it from there.

/**
 * The catalog URL for a docs base URL: `https://me.github.io/errata` → `https://me.github.io/errata/errors/`.
 *
 * @example
 * catalogUrl('http://127.0.0.1:4010/docs/'); // 'http://127.0.0.1:4010/docs/errors/'
 * @param {string} base
 * @returns {string}
 */
export function catalogUrl(base) {
  let url;
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
 * @param {Record<string, any>} doc
 * @param {string} docsUrl the catalog page's URL
 * @returns {Record<string, any>}
 */
export function withDocsUrl(doc, docsUrl) {
  const old = doc['x-errata']?.docs_url;
  if (typeof old !== 'string') throw new Error('The spec has no x-errata.docs_url to rewrite');
  const walk = (/** @type {unknown} */ node) => {
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
  const rewritten = walk(doc);
  rewritten['x-errata'].docs_url = docsUrl;
  return rewritten;
}

/**
 * The docs base URL this build was asked for: `--docs-url <url>`, else `ERRATA_DOCS_URL`.
 *
 * @param {readonly string[]} argv
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function requestedDocsBase(argv, env) {
  const flag = argv.indexOf('--docs-url');
  if (flag !== -1) {
    const value = argv[flag + 1];
    if (!value) throw new Error('--docs-url needs a URL');
    return value;
  }
  return env.ERRATA_DOCS_URL || undefined;
}
