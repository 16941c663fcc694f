import { trace } from '@opentelemetry/api';
import { createClient, debugLogger } from '../src/index.js';
import { openTelemetry } from '../src/telemetry.js';

// A span per call, a child span per attempt: error.type is the canonical code, and each failed
// attempt says why and how long the client waited before the next.
const client = createClient({
  baseUrl: 'http://127.0.0.1:4010',
  apiKey: 'sk_test_valid',
  onEvent: openTelemetry({ tracer: trace.getTracer('my-app'), onEvent: debugLogger() }),
});
await client.GET('/v1/models');
