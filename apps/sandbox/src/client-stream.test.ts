// @errata/client's streams against the sandbox over real HTTP: each failure after the first byte
// is one typed ErrataStreamError with its code, status, request id and the partial output, and a
// failure before it is an ordinary ErrataError — with no unhandled rejection anywhere.
import { createClient, ErrataError } from '@errata/client';
import { ErrataStreamError, stream } from '@errata/client/stream';
import { catalog } from '@errata/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from './test-support/http.js';
import { definedOnly } from './test-support/stream.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
// Hooks run last-registered first, so this runs after useSandbox's afterAll has closed the sandbox
// and every connection. Node reports a rejection at the end of the tick it happened in; a late one
// comes from the client reading its socket's end, which on 127.0.0.1 the kernel has queued by the
// time the server's 'close' is emitted: the next poll phase reads it, and the check phase after it
// runs this setImmediate. That one turn is where a late rejection is provably reported.
afterAll(async () => {
  await new Promise(setImmediate);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});
const sandbox = useSandbox({ rateLimit: 100_000, streamPaceMs: 1 });
const prompt = 'one two three four five';

const client = (headers: Record<string, string | undefined> = {}, apiKey = 'sk_test_valid') =>
  createClient({ baseUrl: sandbox().url, apiKey, headers: definedOnly(headers), maxRetries: 0 });

async function failure(run: () => Promise<unknown>): Promise<ErrataError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ErrataError);
    return error as ErrataError;
  }
  throw new Error('expected the stream to fail');
}

describe('@errata/client streams from the sandbox', () => {
  it('reads a whole stream', async () => {
    const events = await stream(client(), 'echo-1', { prompt });
    expect([await events.text(), events.requestId]).toEqual([prompt, expect.stringMatching(/^req_/)]);
  });

  it.each([
    {
      name: 'an error event after 2 tokens',
      given: { 'Errata-Simulate': 'OVERLOADED', 'Errata-Simulate-After': '2' },
      want: { code: 'OVERLOADED', envelopeStatus: catalog.OVERLOADED.status, partial: 'one two', retrySafe: true },
    },
    {
      name: 'INVALID_OUTPUT after 1 token',
      given: { 'Errata-Simulate': 'INVALID_OUTPUT', 'Errata-Simulate-After': '1' },
      want: { code: 'INVALID_OUTPUT', envelopeStatus: catalog.INVALID_OUTPUT.status, partial: 'one', retrySafe: false },
    },
    {
      name: 'a dropped connection',
      given: { 'Errata-Simulate-Drop-After': '3' },
      want: { code: 'RESPONSE_INCOMPLETE', envelopeStatus: undefined, partial: 'one two three', retrySafe: true },
    },
    {
      name: 'a malformed event',
      given: { 'Errata-Simulate-Malformed-After': '2' },
      want: { code: 'INVALID_RESPONSE', envelopeStatus: undefined, partial: 'one two', retrySafe: false },
    },
    {
      name: 'a stream ending without done',
      given: { 'Errata-Simulate-Truncate-After': '4' },
      want: { code: 'RESPONSE_INCOMPLETE', envelopeStatus: undefined, partial: 'one two three four', retrySafe: true },
    },
  ])('$name → ErrataStreamError $want.code', async ({ given, want }) => {
    const events = await stream(client(given), 'echo-1', { prompt });
    const error = await failure(() => events.text());
    expect(error).toBeInstanceOf(ErrataStreamError);
    const streamError = error as ErrataStreamError;
    expect({ code: streamError.code, partial: streamError.partialText, retrySafe: streamError.retrySafe }).toEqual({
      code: want.code,
      partial: want.partial,
      retrySafe: want.retrySafe,
    });
    // The stream's HTTP status is 200; an error event's envelope keeps the code's catalog status.
    expect([streamError.status, streamError.body?.status]).toEqual([200, want.envelopeStatus]);
    expect(streamError.requestId).toBe(events.requestId);
    expect(streamError.tokensReceived).toBe(want.partial.split(' ').length);
  });

  it('an abort mid-stream → ABORTED with the tokens so far', async () => {
    const abort = new AbortController();
    const events = await stream(
      client({ 'Errata-Stream-Pace-Ms': '20' }),
      'echo-1',
      { prompt },
      { signal: abort.signal },
    );
    const error = await failure(async () => {
      for await (const event of events) if (event.event === 'token' && event.data.index === 1) abort.abort();
    });
    expect([error.code, (error as ErrataStreamError).partialText, error.requestId]).toEqual([
      'ABORTED',
      'one two',
      events.requestId,
    ]);
  });

  it('a 401 before the stream starts → an ordinary ErrataError, not a stream', async () => {
    const error = await failure(() => stream(client({}, 'sk_test_nope'), 'echo-1', { prompt }));
    expect(error).not.toBeInstanceOf(ErrataStreamError);
    expect([error.code, error.status, error.requestId]).toEqual([
      'INVALID_API_KEY',
      401,
      expect.stringMatching(/^req_/),
    ]);
  });
});
