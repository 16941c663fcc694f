/**
 * Escaping for the HTML the pages are written in (template literals, no template engine).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for HTML content and for attribute values in double quotes (every attribute of
 * these pages is double-quoted).
 *
 * @example
 * esc('Bearer <key>'); // 'Bearer &lt;key&gt;'
 */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Escapes text for HTML content only; quotes stay as they are, which keeps JSON and code
 * samples readable in the source and small on the wire.
 *
 * @example
 * text('{"code": "A&B"}'); // '{"code": "A&amp;B"}'
 */
export function text(value: unknown): string {
  return String(value).replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Renders the only markdown the catalog texts use, `code spans`, after escaping the rest.
 *
 * @example
 * inlineMarkdown('Send `max_tokens` as an integer'); // 'Send <code>max_tokens</code> as an integer'
 */
export function inlineMarkdown(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
