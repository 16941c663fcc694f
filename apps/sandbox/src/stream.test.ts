// Streamed runs over real HTTP: token events then done; an error event after n tokens for every
// code the catalog allows mid-stream (simulated, and for real on the failing models); a dropped
// connection, a malformed event and a truncated stream on request; a client that aborts (the
// server stops and frees the slot); and errors before the first byte as ordinary JSON responses.
import { catalog, errorCodes } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-support/http.js';
import { manualClock } from './test-support/manual-clock.js';
import { output, stream } from './test-support/stream.js';

const lines: string[] = [];
const watchers: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
// The stream's pace and slow-1's silence are on a clock only the tests move: `run` fires each
// pause as soon as the stream has set it, so a stream takes no wall time and no test waits for one.
const clock = manualClock();
const sandbox = useSandbox({
  rateLimit: 100_000,
  streamPaceMs: 1,
  requestTimeoutMs: 100,
  clock,
  log: (line) => {
    lines.push(line);
    for (const watcher of watchers.filter((w) => w.test(line))) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve(line);
    }
  },
});
const run = (options: Parameters<typeof stream>[1]) => clock.drive(stream(sandbox().url, options));
const midStream = errorCodes.filter((code) => catalog[code].midStream !== null);
/** The first log line that passes `test`, already written or when it is. */
const logged = (test: (line: string) => boolean) =>
  new Promise<string>((resolve) => {
    const line = lines.find(test);
    if (line === undefined) watchers.push({ test, resolve });
    else resolve(line);
  });

describe('a streamed run', () => {
  it.each([
    {
      name: 'stream: true',
      given: { body: { prompt: 'one two three', stream: true }, headers: {} },
      want: { output: 'one two three', finish_reason: 'stop' },
    },
    {
      name: 'Accept: text/event-stream',
      given: { body: { prompt: 'one two three' }, headers: { Accept: 'text/event-stream' } },
      want: { output: 'one two three', finish_reason: 'stop' },
    },
    {
      name: 'cut at max_tokens',
      given: { body: { prompt: 'one two three', stream: true, max_tokens: 2 }, headers: {} },
      want: { output: 'one two', finish_reason: 'length' },
    },
  ])('$name: token events, then done', async ({ given, want }) => {
    const reply = await run(given);
    expect([reply.status, reply.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
    expect(reply.headers.get('x-request-id')).toMatch(/^req_[a-f0-9]{32}$/);
    expect(reply.events.map((e) => e.event)).toEqual([...want.output.split(' ').map(() => 'token'), 'done']);
    expect(reply.events.filter((e) => e.event === 'token').map((e) => e.data.index)).toEqual(
      want.output.split(' ').map((_, i) => i),
    );
    expect(output(reply)).toBe(want.output);
    expect(reply.events.at(-1)!.data).toEqual({
      finish_reason: want.finish_reason,
      usage: { input_tokens: 3, output_tokens: want.output.split(' ').length },
    });
  });

  it('answers JSON, as before, without stream or Accept', async () => {
    const reply = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', { body: { prompt: 'one two' } });
    expect([reply.headers.get('content-type'), reply.body.output.text]).toEqual(['application/json', 'one two']);
  });
});

describe('an error event after n tokens', () => {
  it.each(midStream.flatMap((code) => [0, 3].map((after) => ({ code, after }))))(
    '$code after $after tokens',
    async ({ code, after }) => {
      const reply = await run({
        headers: { 'Errata-Simulate': code, 'Errata-Simulate-After': String(after) },
      });
      expect(reply.status).toBe(200);
      expect(reply.events.map((e) => e.event)).toEqual([...Array(after).fill('token'), 'error']);
      const { data } = reply.events.at(-1)!;
      expect(data).toMatchObject({
        code,
        status: catalog[code].status,
        request_id: reply.headers.get('x-request-id'),
        doc_url: catalog[code].docUrl,
        details: { tokens_delivered: after },
      });
      if (catalog[code].retry === 'after_retry_after') expect(data.retry_after).toBeGreaterThanOrEqual(0);
      expect(output(reply)).toBe(['one', 'two', 'three'].slice(0, after).join(' '));
      expect(reply.headers.get('errata-simulated')).toBe(code);
    },
  );

  it.each([
    { name: 'fail-1', given: 'fail-1', want: 'PROCESSING_ERROR' },
    { name: 'broken-1', given: 'broken-1', want: 'INVALID_OUTPUT' },
    { name: 'slow-1', given: 'slow-1', want: 'TIMEOUT' },
  ])('for real on $name: $want', async ({ given, want }) => {
    const reply = await run({ model: given });
    expect(reply.events).toEqual([
      {
        event: 'error',
        data: expect.objectContaining({
          code: want,
          request_id: reply.headers.get('x-request-id'),
          details: expect.objectContaining({ tokens_delivered: 0 }),
        }),
      },
    ]);
  });

  it('ends with what it has when the output is shorter than n', async () => {
    const reply = await run({
      body: { prompt: 'one two', stream: true },
      headers: { 'Errata-Simulate': 'OVERLOADED', 'Errata-Simulate-After': '9' },
    });
    expect(reply.events.map((e) => e.event)).toEqual(['token', 'token', 'error']);
    expect(reply.events.at(-1)!.data).toMatchObject({ details: { tokens_delivered: 2 } });
  });
});

describe('transport faults on request', () => {
  it('Errata-Simulate-Drop-After: the connection is cut after n tokens, without a final event', async () => {
    const reply = await run({ headers: { 'Errata-Simulate-Drop-After': '2' } });
    expect(reply.transportError).toBeDefined();
    expect(reply.events.map((e) => e.event)).toEqual(['token', 'token']);
    expect(output(reply)).toBe('one two');
  });

  it('Errata-Simulate-Malformed-After: an event whose data is not JSON, then the end', async () => {
    const reply = await run({ headers: { 'Errata-Simulate-Malformed-After': '1' } });
    expect(reply.transportError).toBeUndefined();
    expect(reply.events.map((e) => e.event)).toEqual(['token', 'token']);
    expect(() => JSON.parse(reply.text.split('data: ').at(-1)!)).toThrow();
  });

  it('Errata-Simulate-Truncate-After: a clean end without done', async () => {
    const reply = await run({ headers: { 'Errata-Simulate-Truncate-After': '3' } });
    expect([reply.transportError, reply.events.map((e) => e.event)]).toEqual([undefined, ['token', 'token', 'token']]);
  });
});

describe('a client that aborts', () => {
  it('stops the stream: no more tokens are produced and the slot is freed', async () => {
    const reading = stream(sandbox().url, {
      body: { prompt: Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '), stream: true },
      headers: { 'Errata-Stream-Pace-Ms': '20' },
      abortAfterTokens: 2,
    });
    // Exactly two pauses end, so exactly two tokens are written; the client aborts on the second,
    // while the stream waits out its third pause, which the abort cancels.
    for (let i = 0; i < 2; i++) {
      await clock.pending();
      clock.fireNext();
    }
    const reply = await reading;
    const id = reply.headers.get('x-request-id')!;
    // The stream's one summary line is logged once it has stopped and freed its slot.
    const line = await logged((l) => l.startsWith(`${id} stream `));
    expect(line).toMatch(`${id} stream aborted by the client after 2 tokens`);
    expect(clock.timers).toBe(0);
    expect(sandbox().state.concurrency.count('acct_valid')).toBe(0);
  });
});

describe('errors before the first byte are ordinary responses', () => {
  it.each([
    { name: 'a bad key', given: { key: 'sk_test_nope', headers: {} }, want: { status: 401, code: 'INVALID_API_KEY' } },
    {
      name: 'an invalid body',
      given: { key: 'sk_test_valid', body: { prompt: '', stream: true }, headers: {} },
      want: { status: 400, code: 'INVALID_FIELD_VALUE' },
    },
    {
      name: 'Errata-Simulate without -After',
      given: { key: 'sk_test_valid', headers: { 'Errata-Simulate': 'OVERLOADED' } },
      want: { status: 503, code: 'OVERLOADED' },
    },
    {
      name: 'a code that cannot happen mid-stream',
      given: {
        key: 'sk_test_valid',
        headers: { 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED', 'Errata-Simulate-After': '1' },
      },
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: '-After without Errata-Simulate',
      given: { key: 'sk_test_valid', headers: { 'Errata-Simulate-After': '1' } },
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: 'a stream fault on a run that does not stream',
      given: { key: 'sk_test_valid', body: { prompt: 'hi' }, headers: { 'Errata-Simulate-Drop-After': '1' } },
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
    {
      name: 'a bad pace',
      given: { key: 'sk_test_valid', headers: { 'Errata-Stream-Pace-Ms': 'fast' } },
      want: { status: 400, code: 'INVALID_REQUEST' },
    },
  ])('$name → $want.status $want.code, as JSON', async ({ given, want }) => {
    const reply = await run(given);
    expect([reply.status, reply.headers.get('content-type')]).toEqual([want.status, 'application/json']);
    const body = JSON.parse(reply.text);
    expect([body.code, body.request_id]).toEqual([want.code, reply.headers.get('x-request-id')]);
  });
});

describe('limits', () => {
  const clock = manualClock();
  const limited = useSandbox({ concurrencyLimit: 1, streamPaceMs: 30, log: null, clock });

  it('a stream holds its concurrency slot until its last event', async () => {
    const first = stream(limited().url, { body: { prompt: 'a b c d e f g h', stream: true } });
    // The stream has its slot and waits before its first token: time stands still until the test moves it.
    await clock.pending();
    const second = await call(limited().url, 'GET', '/v1/models');
    expect([second.status, second.body.code]).toEqual([429, 'CONCURRENT_LIMIT_EXCEEDED']);
    expect((await clock.drive(first)).events.at(-1)!.event).toBe('done');
    expect((await call(limited().url, 'GET', '/v1/models')).status).toBe(200);
  });
});
