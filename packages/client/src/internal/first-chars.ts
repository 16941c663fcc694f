/**
 * The characters a match of an anchored, case-insensitive pattern must begin with, read off its
 * source: `^AiError: ` → `Aa`, `^[1-5][0-9]` → `12345`, `^(DeploymentNotFound|OperationNotSupported)$`
 * → `DdOo`, `^\d+` → the digits. Detection tests a value's first character against them before
 * running the pattern: most values a rule tests are another provider's, and running a pattern costs
 * more than looking at one character. `undefined` when the source's first character is not that plain
 * (unanchored, an escape other than `\d`, a negated class, an optional first atom, a letter outside ASCII,
 * whose case folding is not read here): then the pattern always runs.
 */
const LITERAL = /^[A-Za-z0-9 _:'"`!@#%&,;<>=~/-]$/;
const DIGITS = '0123456789';

// The characters the first atom of one alternative can match, when they can be told.
function firstOf(branch: string): string | undefined {
  let chars: string;
  let next: number;
  if (branch.startsWith('\\d')) {
    chars = DIGITS;
    next = 2;
  } else if (branch[0] === '[') {
    const close = branch.indexOf(']');
    const body = branch.slice(1, close);
    if (close < 2 || body.startsWith('^') || body.includes('\\') || body.includes('[')) return undefined;
    chars = '';
    for (let i = 0; i < body.length; i++) {
      if (body[i + 1] === '-' && i + 2 < body.length) {
        const [from, to] = [body.charCodeAt(i), body.charCodeAt(i + 2)];
        for (let c = from; c <= to; c++) chars += String.fromCharCode(c);
        i += 2;
      } else chars += body[i];
    }
    next = close + 1;
  } else if (branch[0] !== undefined && LITERAL.test(branch[0])) {
    chars = branch[0];
    next = 1;
  } else return undefined;
  // A first atom that may match nothing (`?`, `*`, `{0,…}`) says nothing about the first character.
  if (/^(?:[?*]|\{0)/.test(branch.slice(next))) return undefined;
  return chars;
}

/** The characters a match of `^source` (flag `i`) must begin with, both cases of each letter; see above. */
export function firstChars(source: string): string | undefined {
  if (!source.startsWith('^')) return undefined;
  let branches = [source.slice(1)];
  let after = source;
  if (source.startsWith('^(')) {
    const close = source.indexOf(')');
    const group = source.slice(2, close);
    if (close < 0 || /[()[\]\\]/.test(group) || group.startsWith('?')) return undefined;
    branches = group.split('|');
    after = source.slice(close + 1);
    if (/^(?:[?*]|\{0)/.test(after)) return undefined;
  }
  // An alternative outside the group (`^a|b`) is not anchored.
  if (after.includes('|')) return undefined;
  let chars = '';
  for (const branch of branches) {
    const first = firstOf(branch);
    if (first === undefined || /[^\x20-\x7e]/.test(first)) return undefined;
    chars += first.toLowerCase() + first.toUpperCase();
  }
  return [...new Set(chars)].join('');
}
