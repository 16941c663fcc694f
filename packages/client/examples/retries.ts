import { createClient } from '../src/index.js';

const client = createClient({
  baseUrl: 'http://127.0.0.1:4010',
  apiKey: 'sk_test_valid',
  maxRetries: 3, // retries after the first attempt (default 2)
  initialDelay: 250, // backoff 250 ms × 2^n… (default 500)
  maxDelay: 4_000, // …capped (default 8000)
  maxRetryAfter: 30_000, // a server asking for longer gets its error returned (default 60000)
  timeout: 10_000, // one attempt, body included (default 60000)
  totalTimeout: 30_000, // the whole call, waits included (default none)
});
const controller = new AbortController();
// Aborting stops the call at once, even during a backoff wait: it throws ErrataError ABORTED.
const { data } = await client.GET('/v1/models', { signal: controller.signal });
console.log(data);
