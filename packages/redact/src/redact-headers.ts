import type { Redactor } from './create-redactor.js';

/**
 * The headers with `redact` applied to every value: a server that echoes `Authorization` back
 * must not hand the key on. Returns the same `Headers` when no value changed (nothing to copy).
 *
 * @example
 * const redact = createRedactor(['sk_live_1']);
 * redactHeaders(new Headers({ 'x-echo': 'Bearer sk_live_1' }), redact).get('x-echo'); // 'Bearer [redacted]'
 */
export function redactHeaders(headers: Headers, redact: Redactor): Headers {
  const entries: [string, string][] = [];
  let changed = false;
  headers.forEach((value, name) => {
    const masked = redact(value);
    changed ||= masked !== value;
    entries.push([name, masked]);
  });
  return changed ? new Headers(entries) : headers;
}
