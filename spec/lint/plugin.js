// Errata's contract rules for Redocly lint. Each rule lives in its own file under rules/;
// spec/lint/rules.test.ts runs each against a small bad spec and asserts that it fires.
import errorCodesUnique from './rules/error-codes-unique.js';
import errorMetadata from './rules/error-metadata.js';
import errorResponseEnvelope from './rules/error-response-envelope.js';
import errorStatusMatches from './rules/error-status-matches.js';
import operation5xxResponse from './rules/operation-5xx-response.js';
import postIdempotencyKey from './rules/post-idempotency-key.js';
import requestIdHeader from './rules/request-id-header.js';
import retryAfterHeader from './rules/retry-after-header.js';
import streamErrorCodes from './rules/stream-error-codes.js';

export default function errataPlugin() {
  return {
    id: 'errata',
    // Teach Redocly the shape of the root `x-errata` extension, so that the response for unrouted
    // paths is linted, bundled into components and counted as used like any other response.
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          Root: { ...types.Root, properties: { ...types.Root.properties, 'x-errata': 'ErrataExtension' } },
          ErrataExtension: {
            properties: { docs_url: { type: 'string' }, unrouted_response: 'Response', providers: { type: 'object' } },
            required: ['docs_url', 'unrouted_response', 'providers'],
          },
        };
      },
    },
    rules: {
      oas3: {
        'error-metadata': errorMetadata,
        'error-codes-unique': errorCodesUnique,
        'error-status-matches': errorStatusMatches,
        'error-response-envelope': errorResponseEnvelope,
        'retry-after-header': retryAfterHeader,
        'request-id-header': requestIdHeader,
        'operation-5xx-response': operation5xxResponse,
        'stream-error-codes': streamErrorCodes,
        'post-idempotency-key': postIdempotencyKey,
      },
    },
  };
}
