// A consumer outside the workspace: it must compile against the packed packages' declarations
// and run against their ESM builds.

import { createRequire } from 'node:module';
import { createClient, ErrataError } from '@errata/client';
import { stream } from '@errata/client/stream';
import { createRedactor } from '@errata/redact';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { catalog, isErrorCode, type OperationError } from '@errata/types';
import { defaultCodeFor } from '@errata/types/policy';
import { formatMessage } from '@errata/types/texts';

function describe(error: OperationError<'runModel', 429>): string {
  return `${error.code}: retry ${catalog[error.code].retry} after ${error.retry_after ?? '?'}s`;
}

// Nothing listens on port 9: a transport failure, which the client throws as a typed ErrataError.
const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'sk_test_consumer', maxRetries: 0, timeout: 500 });
let transportError: string | undefined;
try {
  await client.GET('/v1/models');
} catch (error) {
  if (error instanceof ErrataError) transportError = error.code;
}
// The same through the streaming entry: it takes the client and fails before the first byte.
let streamError: string | undefined;
try {
  await stream(client, 'echo-1', { prompt: 'Hello' });
} catch (error) {
  if (error instanceof ErrataError) streamError = error.code;
}
const spec = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;

console.log(
  JSON.stringify({
    codes: Object.keys(catalog).length,
    known: isErrorCode('MODEL_NOT_FOUND'),
    message: formatMessage('MODEL_NOT_FOUND', { model: 'echo-1' }),
    describe: describe({
      code: 'RATE_LIMIT_EXCEEDED',
      message: 'm',
      status: 429,
      request_id: 'r',
      doc_url: 'u',
      category: 'rate_limit',
      retry: 'after_retry_after',
      retry_after: 3,
    }),
    transportError,
    streamError,
    fallback: defaultCodeFor(502),
    spec: spec.openapi,
    redacted: createRedactor(['sk_test_consumer'])('key sk_test_consumer, Bearer abc.def'),
    runModelCodes: createSpecModel(spec)
      .operation('runModel')
      ?.responses.flatMap((r) => r.codes).length,
  }),
);
