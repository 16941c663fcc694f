// Streaming over real sockets on 127.0.0.1: a raw node:http server writes server-sent events and
// then fails in every way §5 of the streaming issue lists; the client must throw one typed error
// with the request id and the partial output, and never leave an unhandled rejection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { catalog } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { ErrataError } from '../src/index.js';
import { type ErrataStream, ErrataStreamError, stream } from '../src/stream.js';
import { serverPerTest } from './helpers/serve.js';
import { type Handler, reply } from './helpers/server.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();

const key = 'sk_test_stream_0123456789';
const serve = serverPerTest(key);

const tokens = ['Say', ' hello', ' to', ' Errata'];
const sse = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const token = (i: number) => sse('token', { index: i, text: tokens[i] });
const done = sse('done', { finish_reason: 'stop', usage: { input_tokens: 4, output_tokens: 4 } });
const envelope = (code: keyof typeof catalog, delivered: number) => ({
  code,
  message: `${code} mid-stream`,
  status: catalog[code].status,
  request_id: 'req_stream_1',
  doc_url: catalog[code].docUrl,
  details: { tokens_delivered: delivered },
  ...(catalog[code].retry === 'after_retry_after' ? { retry_after: 5 } : {}),
});

// Headers, then each part in its own write, each handed to the socket before the next is written
// (node:http sends with TCP_NODELAY: a segment each, though the client may read two at once), then `end`.
function eventStream(parts: string[], end: (res: ServerResponse) => void = (res) => res.end()): Handler {
  return async (_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-request-id': 'req_stream_1',
    });
    for (const part of parts) {
      await new Promise<void>((resolve) => res.write(part, () => resolve()));
    }
    end(res);
  };
}

/** Iterates to the end and returns what the iterator threw, with the events seen before. */
async function drain(s: ErrataStream): Promise<{ seen: string[]; error: ErrataStreamError }> {
  const seen: string[] = [];
  try {
    for await (const event of s) seen.push(event.event === 'token' ? event.data.text : event.event);
  } catch (error) {
    expect(error).toBeInstanceOf(ErrataStreamError);
    return { seen, error: error as ErrataStreamError };
  }
  throw new Error('expected the stream to throw');
}

describe('a stream that succeeds', () => {
  it('yields every token, then done; sends stream: true, Accept and an Idempotency-Key', async () => {
    const { client, server } = await serve(
      eventStream([token(0), token(1), `: keep-alive\n\n${token(2)}`, token(3), done]),
    );
    const s = await stream(client, 'echo-1', { prompt: 'Say hello' });
    expect(s.requestId).toBe('req_stream_1');
    expect(s.response.status).toBe(200);
    const seen = [];
    for await (const event of s) seen.push(event);
    expect(seen.map((e) => e.event)).toEqual(['token', 'token', 'token', 'token', 'done']);
    expect(s.partialText).toBe('Say hello to Errata');
    const request = server.requests[0]!;
    expect(JSON.parse(request.body)).toEqual({ prompt: 'Say hello', stream: true });
    expect(request.headers.accept).toBe('text/event-stream');
    expect(request.headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('text() reads it all', async () => {
    const { client } = await serve(eventStream([token(0), token(1), done]));
    expect(await (await stream(client, 'echo-1', { prompt: 'hi' })).text()).toBe('Say hello');
  });

  it('a stream read a second time is an ErrataError INVALID_OPTIONS, not a bare TypeError', async () => {
    const { client } = await serve(eventStream([token(0), done]));
    const s = await stream(client, 'echo-1', { prompt: 'hi' });
    expect(await s.text()).toBe('Say');
    const again = (() => {
      try {
        s[Symbol.asyncIterator]();
      } catch (error) {
        return error;
      }
    })();
    expect(again).toBeInstanceOf(ErrataError);
    expect(again).toMatchObject({ code: 'INVALID_OPTIONS', message: 'ErrataStream: a stream can be read once.' });
  });

  it.each([
    { name: 'LF', given: '\n' },
    { name: 'CRLF', given: '\r\n' },
    { name: 'CR', given: '\r' },
  ])('events with $name line ends, split across writes at any byte, still parse', async ({ given }) => {
    const text = (token(0) + token(1) + done).replaceAll('\n', given);
    const { client } = await serve(eventStream(text.match(/[\s\S]{1,7}/g)!));
    expect(await (await stream(client, 'echo-1', { prompt: 'hi' })).text()).toBe('Say hello');
  });
});

describe('an error event after n tokens', () => {
  const table = [
    {
      name: 'OVERLOADED after 3 tokens: retry safe',
      given: { code: 'OVERLOADED' as const, n: 3 },
      want: { retrySafe: true, retryable: true },
    },
    {
      name: 'TIMEOUT after 2 tokens: retry safe',
      given: { code: 'TIMEOUT' as const, n: 2 },
      want: { retrySafe: true, retryable: true },
    },
    {
      name: 'PROMPT_VIOLATION (output moderation) after 1 token: not safe',
      given: { code: 'PROMPT_VIOLATION' as const, n: 1 },
      want: { retrySafe: false, retryable: false },
    },
    {
      name: 'INVALID_OUTPUT after 4 tokens: not safe',
      given: { code: 'INVALID_OUTPUT' as const, n: 4 },
      want: { retrySafe: false, retryable: false },
    },
  ];
  it.each(table)('$name', async ({ given, want }) => {
    const parts = [...Array(given.n).keys()].map(token);
    const { client, server } = await serve(eventStream([...parts, sse('error', envelope(given.code, given.n))]));
    const { seen, error } = await drain(await stream(client, 'echo-1', { prompt: 'hi' }));
    expect(seen).toEqual(tokens.slice(0, given.n));
    expect(error).toMatchObject({
      name: 'ErrataStreamError',
      code: given.code,
      status: 200,
      requestId: 'req_stream_1',
      tokensReceived: given.n,
      partialText: tokens.slice(0, given.n).join(''),
      docUrl: catalog[given.code].docUrl,
      ...want,
    });
    expect(error.retrySafe).toBe(catalog[given.code].midStream?.retrySafe);
    expect(error.body).toMatchObject({
      code: given.code,
      status: catalog[given.code].status,
      details: { tokens_delivered: given.n },
    });
    expect(error.message).toContain(`${given.code}: ${given.code} mid-stream`);
    expect(error.message).not.toContain('[object Object]');
    // Never retried by the client: one request.
    expect(server.requests).toHaveLength(1);
  });

  it('the retry hint of a rate-like code is kept', async () => {
    const { client } = await serve(eventStream([token(0), sse('error', envelope('OVERLOADED', 1))]));
    const { error } = await drain(await stream(client, 'echo-1', { prompt: 'hi' }));
    expect(error.retryAfter).toBe(5);
  });

  it('error data that is not the envelope still becomes a catalog code with a readable message', async () => {
    const foreign = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const { client } = await serve(eventStream([token(0), sse('error', foreign)]));
    const { error } = await drain(await stream(client, 'echo-1', { prompt: 'hi' }));
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', status: 200, requestId: 'req_stream_1', tokensReceived: 1 });
    expect(error.message).not.toContain('[object Object]');
    expect(JSON.stringify(error)).toContain('"tokens_received":1');
  });

  it('never shows the API key, even when the server echoes it', async () => {
    const { client } = await serve(
      eventStream([sse('error', { ...envelope('INTERNAL_ERROR', 0), message: `bad key ${key}` })]),
    );
    const { error } = await drain(await stream(client, 'echo-1', { prompt: 'hi' }));
    for (const text of [error.message, String(error), JSON.stringify(error), JSON.stringify(error.body)])
      expect(text).not.toContain(key);
  });
});

describe('transport and protocol faults mid-stream', () => {
  const table = [
    {
      name: 'connection reset after 2 tokens',
      given: { parts: [token(0), token(1)], end: (res: ServerResponse) => res.destroy() },
      want: { code: 'RESPONSE_INCOMPLETE', n: 2, retrySafe: true },
    },
    {
      name: 'stream ends without done after 3 tokens',
      given: { parts: [token(0), token(1), token(2)], end: (res: ServerResponse) => res.end() },
      want: { code: 'RESPONSE_INCOMPLETE', n: 3, retrySafe: true },
    },
    {
      name: 'empty stream',
      given: { parts: [], end: (res: ServerResponse) => res.end() },
      want: { code: 'RESPONSE_INCOMPLETE', n: 0, retrySafe: true },
    },
    {
      name: 'malformed JSON in a token after 1 token',
      given: { parts: [token(0), sse('token', '{"index":1,"text":')], end: (res: ServerResponse) => res.end() },
      want: { code: 'INVALID_RESPONSE', n: 1, retrySafe: false },
    },
    {
      name: 'token without text',
      given: { parts: [token(0), token(1), sse('token', { index: 2 })], end: (res: ServerResponse) => res.end() },
      want: { code: 'INVALID_RESPONSE', n: 2, retrySafe: false },
    },
    {
      name: 'malformed error event',
      given: { parts: [token(0), sse('error', '<html>oops</html>')], end: (res: ServerResponse) => res.end() },
      want: { code: 'INVALID_RESPONSE', n: 1, retrySafe: false },
    },
  ];
  it.each(table)('$name → $want.code', async ({ given, want }) => {
    const { client, server } = await serve(eventStream(given.parts, given.end));
    const { seen, error } = await drain(await stream(client, 'echo-1', { prompt: 'hi' }));
    expect(seen).toEqual(tokens.slice(0, want.n));
    expect(error).toMatchObject({
      code: want.code,
      status: 200,
      requestId: 'req_stream_1',
      tokensReceived: want.n,
      partialText: tokens.slice(0, want.n).join(''),
      retrySafe: want.retrySafe,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('unknown event names are skipped (a newer server’s ping)', async () => {
    const { client } = await serve(eventStream([token(0), sse('ping', {}), done]));
    expect(await (await stream(client, 'echo-1', { prompt: 'hi' })).text()).toBe('Say');
  });

  it('a 200 that is not an event stream is INVALID_RESPONSE, thrown by stream()', async () => {
    const { client } = await serve((_req, res) =>
      reply(res, 200, { model: 'echo-1', output: { text: 'hi' } }, { 'x-request-id': 'req_json' }),
    );
    await expect(stream(client, 'echo-1', { prompt: 'hi' })).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 200,
      requestId: 'req_json',
    });
  });

  it('a client not made by createClient is an ErrataError INVALID_OPTIONS, before any request', async () => {
    const { client, server } = await serve(eventStream([token(0), done]));
    const lookalike = { ...client };
    const failure = stream(lookalike, 'echo-1', { prompt: 'hi' });
    await expect(failure).rejects.toBeInstanceOf(ErrataError);
    await expect(failure).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringMatching(/stream: client must be a client made by createClient/),
    });
    expect(server.requests.length).toBe(0);
  });
});

describe('abort and early exit stop the request at once', () => {
  // Resolves when the server sees the client's socket close.
  function closedOn(req: IncomingMessage | undefined): Promise<void> {
    return new Promise((resolve) => req?.socket.once('close', () => resolve()));
  }

  it.each([
    { name: 'with the default timeout' },
    { name: 'without timeouts (no AbortController of ours)', timeout: Infinity },
  ])('abort mid-stream → ABORTED with the partial output ($name)', async ({ timeout }) => {
    let closed: Promise<void> | undefined;
    const { client } = await serve(
      async (_req, res) => {
        closed = closedOn(res.req);
        await eventStream([token(0), token(1)], () => {})(_req, res, 0);
      },
      timeout ? { timeout } : {},
    );
    const controller = new AbortController();
    const s = await stream(client, 'echo-1', { prompt: 'hi' }, { signal: controller.signal });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of s) {
          if (event.event === 'token') seen.push(event.data.text);
          // Aborted once the loop waits for the next event (the microtask runs after it asked), as an
          // abort from elsewhere would be.
          if (seen.length === 2) queueMicrotask(() => controller.abort());
        }
      } catch (e) {
        return e as ErrataStreamError;
      }
    })();
    expect(error).toBeInstanceOf(ErrataStreamError);
    expect(error).toMatchObject({
      code: 'ABORTED',
      tokensReceived: 2,
      partialText: 'Say hello',
      requestId: 'req_stream_1',
      retrySafe: false,
    });
    // The abort reached the server: its connection closed (else this never resolves).
    await closed;
  });

  it('break out of the loop closes the connection', async () => {
    let closed: Promise<void> | undefined;
    const { client } = await serve(async (_req, res) => {
      closed = closedOn(res.req);
      await eventStream([token(0), token(1)], () => {})(_req, res, 0);
    });
    for await (const event of await stream(client, 'echo-1', { prompt: 'hi' })) if (event.event === 'token') break;
    await closed;
  });

  it('abort before the stream starts → ABORTED from stream()', async () => {
    const { client, server } = await serve(() => {});
    const controller = new AbortController();
    const started = stream(client, 'echo-1', { prompt: 'hi' }, { signal: controller.signal });
    // The request has arrived and will never be answered: the abort lands while stream() waits for it.
    await server.received();
    controller.abort();
    await expect(started).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('a stream that is never read, whose connection then dies, leaves no unhandled rejection', async () => {
    let closed: Promise<void> | undefined;
    const { client } = await serve(async (req, res) => {
      closed = closedOn(res.req);
      await eventStream([token(0)], (r) => r.destroy())(req, res, 0);
    });
    await stream(client, 'echo-1', { prompt: 'hi' });
    // The connection is dead on the server's side; expectNoUnhandledRejections checks, after the
    // last test, that the client's reading of that end rejected nothing unhandled.
    await closed;
  });
});

describe('errors before the first byte are ordinary errors', () => {
  it('401 → thrown from stream() as the typed ErrataError, not retried', async () => {
    const { client, server } = await serve((_req, res) =>
      reply(
        res,
        401,
        {
          code: 'INVALID_API_KEY',
          message: 'API key invalid.',
          status: 401,
          request_id: 'req_401',
          doc_url: catalog.INVALID_API_KEY.docUrl,
        },
        { 'x-request-id': 'req_401' },
      ),
    );
    const error = await stream(client, 'echo-1', { prompt: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrataError);
    expect(error).not.toBeInstanceOf(ErrataStreamError);
    expect(error).toMatchObject({ code: 'INVALID_API_KEY', status: 401, requestId: 'req_401', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('503 then a stream → retried by the catalog, with the same Idempotency-Key', async () => {
    const ok = eventStream([token(0), done]);
    const { client, server } = await serve((req, res, i) =>
      i === 0 ? reply(res, 503, '', { 'retry-after-ms': '10' }) : ok(req, res, i),
    );
    expect(await (await stream(client, 'echo-1', { prompt: 'hi' })).text()).toBe('Say');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);
  });
});
