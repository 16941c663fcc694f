/** The one marker that stands where a secret was. */
export const REDACTED = '[redacted]';

/** Returns the text with every secret it knows of replaced by `[redacted]`. */
export type Redactor = (text: string) => string;

export interface RedactorOptions {
  /**
   * Also masks whatever this matches, for keys the caller was never told about (a server masking
   * any `sk_…` a client sent). Only its source is used: it matches case-sensitively, everywhere.
   */
  keyPattern?: RegExp;
}

// RFC 6750's b64token (`=` allowed inside too): what follows "Bearer " in an Authorization value.
// "Bearer" keeps its case; the token goes, for tokens nobody listed.
const BEARER = /\b(Bearer\s+)[\w.~+/=-]+/gi;
// What BEARER finds, tested before replacing: a replace that finds nothing costs ten times a test
// (profiled), and almost no text holds a token. Not global, so it keeps no lastIndex between texts.
const HAS_BEARER = /\bBearer\s+[\w.~+/=-]/i;

/**
 * Builds a redactor that replaces every given secret, its JSON-escaped form (a key quoted in a
 * JSON text), whatever `keyPattern` matches and any bearer token with `[redacted]`. Empty and
 * undefined secrets are ignored, so `createRedactor([process.env.API_KEY])` is safe unset.
 *
 * @example
 * const redact = createRedactor(['sk_live_1']);
 * redact('key sk_live_1, Authorization: Bearer abc.def'); // 'key [redacted], Authorization: Bearer [redacted]'
 */
export function createRedactor(secrets: Iterable<string | undefined>, { keyPattern }: RedactorOptions = {}): Redactor {
  // Longest first (JSON-escaped forms included), each masked before the next: a key that contains
  // another is masked whole, and what is left of it cannot match the shorter one.
  const forms = [...secrets]
    .flatMap((s) => (s ? [s, JSON.stringify(s).slice(1, -1)] : []))
    .sort((a, b) => b.length - a.length);
  const pattern = keyPattern && new RegExp(keyPattern.source, 'g');
  return (text) => {
    for (const form of forms) if (text.includes(form)) text = text.split(form).join(REDACTED);
    if (pattern) text = text.replace(pattern, REDACTED);
    return HAS_BEARER.test(text) ? text.replace(BEARER, `$1${REDACTED}`) : text;
  };
}
