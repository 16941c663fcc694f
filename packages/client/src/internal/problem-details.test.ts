// RFC 9457 problem details through normalizeError: another server's read as the envelope, an
// Errata server's (the envelope with the RFC's members added) unchanged.
import { describe, expect, it } from 'vitest';
import { normalizeError } from '../normalize-error.js';

describe('normalizeError on problem details', () => {
  it.each([
    {
      name: "another server's problem details",
      given: {
        status: 429,
        body: {
          type: 'https://api.example/errors/quota',
          title: 'Over quota',
          status: 429,
          detail: 'Slow down.',
          instance: 'req_9',
        },
      },
      want: { status: 429, message: 'Slow down.', request_id: 'req_9' },
    },
    {
      name: 'a title without a detail',
      given: { status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503 } },
      want: { status: 503, message: 'Service Unavailable' },
    },
    {
      name: "an Errata server's problem details",
      given: {
        status: 404,
        body: {
          type: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND',
          title: 'Model not found',
          detail: 'Model x does not exist.',
          instance: 'req_1',
          code: 'MODEL_NOT_FOUND',
          message: 'Model x does not exist.',
          status: 404,
          request_id: 'req_1',
          doc_url: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND',
          category: 'not_found',
          retry: 'never',
          details: { model: 'x' },
        },
      },
      want: { code: 'MODEL_NOT_FOUND', status: 404, message: 'Model x does not exist.', request_id: 'req_1' },
    },
  ])('$name', ({ given, want }) => {
    expect(normalizeError({ status: given.status, body: JSON.stringify(given.body) })).toMatchObject(want);
  });
});
