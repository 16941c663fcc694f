/**
 * Escaping for the HTML the pages are written in (template literals, no template engine).
 */

/** @type {Record<string, string>} */
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for HTML content and for attribute values in double quotes (every attribute of
 * these pages is double-quoted).
 *
 * @example
 * esc('Bearer <key>'); // 'Bearer &lt;key&gt;'
 * @param {unknown} value
 * @returns {string}
 */
export function esc(value) {
  return String(value).replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Escapes text for HTML content only; quotes stay as they are, which keeps JSON and code
 * samples readable in the source and small on the wire.
 *
 * @example
 * text('{"code": "A&B"}'); // '{"code": "A&amp;B"}'
 * @param {unknown} value
 * @returns {string}
 */
export function text(value) {
  return String(value).replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Renders the only markdown the catalog texts use, `code spans`, after escaping the rest.
 *
 * @example
 * inlineMarkdown('Send `max_tokens` as an integer'); // 'Send <code>max_tokens</code> as an integer'
 * @param {string} text
 * @returns {string}
 */
export function inlineMarkdown(text) {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
