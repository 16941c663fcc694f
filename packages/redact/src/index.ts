// Masking secrets in texts and headers with one marker, `[redacted]`.
export { createRedactor, REDACTED, type Redactor, type RedactorOptions } from './create-redactor.js';
export { providerKeyPattern } from './provider-key-pattern.js';
export { redactHeaders } from './redact-headers.js';
