// What the sandbox logs (request lines, the stacks of unexpected errors) is masked by its shape:
// any `sk_…` key a client sent, configured or not, and any bearer token.
import { createRedactor } from '@errata/redact';

/** Masks anything that looks like an API key or a bearer credential with `[redacted]`. */
export const redactLog = createRedactor([], { keyPattern: /\bsk_[A-Za-z0-9_]+/ });
