/**
 * Text from a request (a path, a header, an error message quoting one) on one log line: control
 * characters, line and paragraph separators become visible escapes, so a `%0A` in a path cannot
 * write a second, forged line.
 */

// C0 and C1 controls (tab and newline included), DEL, U+2028 and U+2029.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every control character escaped (`\n`, `\r`, `\t`, else `\xNN` / `\uNNNN`).
 *
 * @example
 * escapeLogText('/v1/models\nGET /admin'); // '/v1/models\\nGET /admin'
 */
export function escapeLogText(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
