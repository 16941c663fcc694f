import { createClient, ErrataError } from '../src/index.js';
import { subscribe } from '../src/queue.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
try {
  const result = await subscribe(
    client,
    'echo-1',
    { prompt: 'Hello' },
    {
      pollInterval: 500,
      timeout: 120_000,
      onQueueUpdate: (status) => console.log(status.status, status.queue_position, status.eta),
    },
  );
  console.log(result.output);
} catch (e) {
  if (e instanceof ErrataError && e.code === 'REQUEST_FAILED') console.error('failed for good:', e.message, e.details);
  else if (e instanceof ErrataError && e.code === 'INVALID_OUTPUT') console.error('bad output:', e.details);
  else throw e;
}
