// Keys never reach the report: every string that came from the server or from a failed fetch is
// passed through a redactor built from the keys the suite was given (the main key and every
// `keys[*]`), and any `Bearer <token>` is masked too, for keys the suite was not told about.
// Server responses are redacted when they are captured, before any diff slices them, so a key cut
// in half by a 120-character excerpt cannot survive as a prefix.

export type Redactor = (text: string) => string;

export const REDACTED = '[REDACTED]';

const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function that replaces every occurrence of the given secrets, and any bearer token, with `[REDACTED]`.
 *
 * @example
 * const redact = createRedactor(['sk_live_1']);
 * redact('echo: Authorization: Bearer sk_live_1'); // 'echo: Authorization: Bearer [REDACTED]'
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  // Longest first, so a key that contains another is masked whole.
  const values = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  // A key also appears JSON-escaped when a diff quotes a string (JSON.stringify of the body excerpt).
  const forms = [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))];
  const pattern = forms.length ? new RegExp(forms.map(escape).join('|'), 'g') : undefined;
  return (text) => {
    const masked = pattern ? text.replace(pattern, REDACTED) : text;
    return masked.replace(BEARER, `Bearer ${REDACTED}`);
  };
}

/** The same headers with every value redacted. */
export function redactHeaders(headers: Headers, redact: Redactor): Headers {
  const out = new Headers();
  headers.forEach((value, name) => out.append(name, redact(value)));
  return out;
}
