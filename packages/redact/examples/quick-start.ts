import assert from 'node:assert/strict';
import { createRedactor, redactHeaders } from '../src/index.js';

// The keys you know (unset ones are skipped); bearer tokens go whatever their value.
const redact = createRedactor([process.env.API_KEY, 'sk_live_4f9a']);

const body = JSON.stringify({ error: { message: 'Invalid key sk_live_4f9a' } });
assert.equal(redact(body), '{"error":{"message":"Invalid key [redacted]"}}');
assert.equal(redact('Authorization: Bearer eyJhbGciOi.x.y'), 'Authorization: Bearer [redacted]');

const headers = redactHeaders(new Headers({ 'x-echo': 'Bearer sk_live_4f9a' }), redact);
assert.equal(headers.get('x-echo'), 'Bearer [redacted]');

// Keys nobody listed, by their shape: `keyPattern`.
const log = createRedactor([], { keyPattern: /\bsk_\w+/ });
assert.equal(log('GET /v1/models?api_key=sk_test_1 401'), 'GET /v1/models?api_key=[redacted] 401');
