import { createClient, ErrataError, unwrap } from '../src/index.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
try {
  const models = unwrap(await client.GET('/v1/models'));
  console.log(models.data.map((m) => m.id));
} catch (e) {
  if (!(e instanceof ErrataError)) throw e;
  // A server error (a catalog code) or a transport failure (CONNECTION_ERROR, CLIENT_TIMEOUT…).
  console.error(e.code, e.status, e.requestId, e.retryable, e.docUrl);
}
