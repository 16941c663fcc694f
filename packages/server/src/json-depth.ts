/**
 * How deep a JSON text nests, read from its bytes before anything parses it: V8 parses deep
 * nesting but `JSON.stringify`, ajv and most code that walks the value recurse, so a body of
 * 100,000 `[` would overflow the stack later, as a 500. Scanning is linear and allocates nothing.
 */

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether the JSON in `bytes` nests deeper than `max` objects and arrays (strings are skipped).
 *
 * @example
 * nestsDeeperThan(Buffer.from('[[[1]]]'), 2); // true
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return false;
}
