import { createClient, ErrataError } from '../src/index.js';
import { ErrataStreamError, stream } from '../src/stream.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
const controller = new AbortController();
try {
  // Resolves once the stream has started; an error before that (401, 429…) is thrown here, after the usual retries.
  const events = await stream(client, 'echo-1', { prompt: 'Say hello to Errata.' }, { signal: controller.signal });
  for await (const event of events) {
    if (event.event === 'token') console.log(event.data.text);
    else console.log('done:', event.data.finish_reason, event.data.usage.output_tokens);
  }
} catch (e) {
  if (e instanceof ErrataStreamError) {
    // Mid-stream: the code, the stream's request id, what came before, and whether to run it again.
    console.error(
      e.code,
      e.requestId,
      `${e.tokensReceived} tokens: ${e.partialText}`,
      e.retrySafe ? 'retry, replacing the output' : 'do not retry',
    );
  } else if (e instanceof ErrataError) console.error('before the stream:', e.code, e.status, e.requestId);
  else throw e;
}
