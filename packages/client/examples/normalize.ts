import { createClient } from '../src/index.js';
import { normalizeError, providerNormalizer } from '../src/normalize-error.js';

// A ModelsLab error body, as its docs print it.
const error = normalizeError(
  {
    status: 429,
    body: '{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}',
  },
  { provider: 'modelslab' },
);
console.log(error.code, error.retry_after); // QUEUE_LIMIT_EXCEEDED 30

// A client that expects Workers AI's bodies normalizes, and retries by, their canonical codes.
const workers = createClient({
  baseUrl: 'http://127.0.0.1:8787',
  apiKey: 'cf_token',
  normalize: providerNormalizer('workers-ai'),
});
console.log(typeof workers.GET);
