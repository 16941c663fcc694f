import { createClient } from '../src/index.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });

const { data, error, response } = await client.POST('/v1/models/{model}/run', {
  params: { path: { model: 'echo-1' } },
  body: { prompt: 'Say hello to Errata.' },
});
if (error) {
  // Always the canonical envelope, whatever the server sent; narrow on `code`.
  if (error.code === 'INVALID_FIELD_VALUE') console.error(`fix ${error.details?.field}: ${error.details?.issue}`);
  else console.error(error.code, error.message, error.request_id, response.status);
} else {
  console.log(data.output);
}
