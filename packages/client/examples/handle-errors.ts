import { createClient, getRawError } from '../src/index.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
const { error, response } = await client.POST('/v1/models/{model}/run', {
  params: { path: { model: 'echo-1' } },
  body: { prompt: 'Hello' },
});
if (error) {
  switch (error.code) {
    case 'MODEL_NOT_FOUND':
      console.error(`${error.message} See ${error.doc_url}`);
      break;
    case 'RATE_LIMIT_EXCEEDED':
      console.error(`retry in ${error.retry_after} s`); // a number: the code's schema requires it
      break;
    default:
      // Narrow on the body's status, a constant per code (openapi-fetch cannot narrow on response.status).
      if (error.status === 429) console.error(`${error.code}: over a limit`);
  }
  // Debugging: the response as it came over the wire, and its headers.
  console.debug(response.status, response.headers.get('ratelimit-remaining'), getRawError(response)?.body);
}
