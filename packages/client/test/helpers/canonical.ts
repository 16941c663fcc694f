// The one check that an error was normalized to its canonical envelope, for every test that
// normalizes a fixture case (normalizeError directly, or a client with a provider's normalizer
// over HTTP): what the catalog says of its code, and what the case says of its origin.
import { catalog, type ErrorCode, isErrorCode } from '@errata/types';
import { expect } from 'vitest';
import type { CanonicalWant } from '../../../types/test/fixtures/error-cases.js';
import type { ErrorEnvelope } from '../../src/errors.js';

/** Where a normalized error came from, as the envelope's `origin` (the spec's ErrorOrigin). */
export type ErrorOrigin = NonNullable<ErrorEnvelope['origin']>;

/**
 * Asserts that `got` is the canonical envelope of `want.code`, with the catalog's status, doc URL,
 * category and retry policy; that its origin is exactly the case's; that its request id is the
 * case's ('' where the body carries none); and that it keeps the details and the wait the case's
 * body carries. The message is left to each test, and so is a claim that there are no details
 * (only the seed fixture lists every detail a body yields).
 *
 * @example
 * expectCanonical(normalizeError({ status, body }, { provider }), want);
 */
export function expectCanonical(got: ErrorEnvelope | undefined, want: CanonicalWant<ErrorOrigin>): void {
  expect(isErrorCode(want.code), `${want.code} is a catalog code`).toBe(true);
  const entry = catalog[want.code as ErrorCode];
  expect(got).toMatchObject({
    code: want.code,
    status: entry.status,
    doc_url: entry.docUrl,
    category: entry.category,
    retry: entry.retry,
    request_id: want.request_id ?? '',
  });
  expect(got?.origin).toEqual(want.origin);
  if (want.details) expect(got?.details).toMatchObject(want.details);
  if (want.retry_after !== undefined) expect(got?.retry_after).toBe(want.retry_after);
}
