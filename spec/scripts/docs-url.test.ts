import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogUrl, requestedDocsBase, withDocsUrl } from './docs-url.js';

const bundled = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'));

/** Every doc_url string in a document. */
function docUrls(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(docUrls);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'doc_url' && typeof value === 'string' ? [value] : docUrls(value),
  );
}

describe('the docs base URL setting', () => {
  it.each([
    { name: 'a sandbox URL', given: 'http://127.0.0.1:4010/docs/', want: 'http://127.0.0.1:4010/docs/errors/' },
    {
      name: 'a prefix without its slash',
      given: 'https://me.github.io/errata',
      want: 'https://me.github.io/errata/errors/',
    },
    { name: 'a host root', given: 'https://docs.example.com', want: 'https://docs.example.com/errors/' },
  ])('turns $name into the catalog URL', ({ given, want }) => {
    expect(catalogUrl(given)).toBe(want);
  });

  it.each([
    { name: 'a relative path', given: '/docs/' },
    { name: 'another scheme', given: 'file:///tmp/docs/' },
    { name: 'a fragment', given: 'https://me.github.io/errata/#x' },
  ])('refuses $name with a clear error', ({ given }) => {
    expect(() => catalogUrl(given)).toThrow(/ERRATA_DOCS_URL must/);
  });

  it.each([
    {
      name: 'the flag',
      argv: ['--docs-url', 'https://a.test/'],
      env: { ERRATA_DOCS_URL: 'https://b.test/' },
      want: 'https://a.test/',
    },
    { name: 'the environment', argv: [], env: { ERRATA_DOCS_URL: 'https://b.test/' }, want: 'https://b.test/' },
    { name: 'neither (the spec’s own docs_url stays)', argv: [], env: { ERRATA_DOCS_URL: '' }, want: undefined },
  ])('reads $name', ({ argv, env, want }) => {
    expect(requestedDocsBase(argv, env)).toBe(want);
  });

  it('rewrites x-errata.docs_url and every doc_url of the bundle, and nothing else', () => {
    const before = docUrls(bundled);
    const docsUrl = 'http://127.0.0.1:4010/docs/errors/';
    const after = withDocsUrl(bundled, docsUrl);

    expect(before.length).toBeGreaterThan(50);
    expect(after['x-errata'].docs_url).toBe(docsUrl);
    expect(docUrls(after)).toEqual(before.map((url) => url.replace(`${bundled['x-errata'].docs_url}#`, `${docsUrl}#`)));
    expect(docUrls(after).every((url) => url.startsWith(`${docsUrl}#`))).toBe(true);
    // Only doc_url values and docs_url differ.
    expect(JSON.stringify(after).length - JSON.stringify(bundled).length).toBe(
      (docsUrl.length - bundled['x-errata'].docs_url.length) * (before.length + 1),
    );
  });
});
