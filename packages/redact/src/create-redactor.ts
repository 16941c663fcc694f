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

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds a redactor that replaces every given secret, its JSON-escaped form (a key quoted in a
 * JSON text), whatever `keyPattern` matches and any bearer token with `[redacted]`. Empty and
 * undefined secrets are ignored, so `createRedactor([process.env.API_KEY])` is safe unset.
 *
 * @example
 * const redact = createRedactor(['sk_live_1']);
 * redact('key sk_live_1, Authorization: Bearer abc.def'); // 'key [redacted], Authorization: Bearer [redacted]'
 */
export function createRedactor(secrets: Iterable<string | undefined>, options: RedactorOptions = {}): Redactor {
  // Longest first: the alternation takes the first that matches, so a key containing another is masked whole.
  const values = [...new Set(secrets)].filter((s): s is string => !!s).sort((a, b) => b.length - a.length);
  const forms = [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))].map(literal);
  if (options.keyPattern) forms.push(`(?:${options.keyPattern.source})`);
  const known = forms.length ? new RegExp(forms.join('|'), 'g') : undefined;
  return (text) => (known ? text.replace(known, REDACTED) : text).replace(BEARER, `$1${REDACTED}`);
}
