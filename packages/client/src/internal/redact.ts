/** Replaces every occurrence of the API key in a text; a no-op without a key. */
export type Redact = (text: string) => string;

const placeholder = '[redacted]';

/** The redaction of a client without an API key: nothing to remove, so callers may skip the work. */
export const noRedact: Redact = (text) => text;

export function createRedact(apiKey: string | undefined): Redact {
  if (!apiKey) return noRedact;
  return (text) => (text.includes(apiKey) ? text.split(apiKey).join(placeholder) : text);
}
