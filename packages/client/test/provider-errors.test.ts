// Every documented error of the providers beyond the seeds over real HTTP: a node:http server on
// 127.0.0.1 answers with the case's status and body, verbatim, and a client with that provider's
// normalizer hands out the canonical envelope with its origin. A mid-stream case streams two
// token events and then the provider's own error event, which must end the stream as an
// ErrataStreamError with the code, the origin and the partial output.
import { catalog, type ErrorCode } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { getRawError } from '../src/index.js';
import { providerNormalizer } from '../src/normalize-error.js';
import { ErrataStreamError, stream } from '../src/stream.js';
import { providerErrorCases } from './fixtures/provider-errors.js';
import { expectCanonical } from './helpers/canonical.js';
import { getAnswer, serverPerTest } from './helpers/serve.js';

const serve = serverPerTest();
const plain = providerErrorCases.filter((c) => !c.stream);
const streamed = providerErrorCases.filter((c) => c.stream);

describe('provider errors through a provider client, over HTTP', () => {
  it.each(plain)('#$id $provider “$name” → $want.code', async ({ provider, status, body, want }) => {
    const { data, error, response } = await getAnswer(serve, { provider, status, body });
    expect(data).toBeUndefined();
    expectCanonical(error, want);
    expect(getRawError(response)).toMatchObject({ status, body, truncated: false });
  });
});

const sse = (event: string, data: string) => `${event === 'message' ? '' : `event: ${event}\n`}data: ${data}\n\n`;

describe('provider mid-stream errors', () => {
  it.each(streamed)(
    '#$id $provider: $stream.event event → $want.code with the partial output',
    async ({ provider, stream: event, want }) => {
      const { client } = await serve(
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream_p' });
          res.end(
            sse('token', '{"index":0,"text":"Hel"}') +
              sse('token', '{"index":1,"text":"lo"}') +
              sse(event!.event, event!.data),
          );
        },
        { normalize: providerNormalizer(provider), maxRetries: 0 },
      );
      const events = await stream(client, 'echo-1', { prompt: 'hi' });
      const seen: string[] = [];
      let thrown: unknown;
      try {
        for await (const e of events) if (e.event === 'token') seen.push(e.data.text);
      } catch (error) {
        thrown = error;
      }
      expect(seen).toEqual(['Hel', 'lo']);
      expect(thrown).toBeInstanceOf(ErrataStreamError);
      const error = thrown as ErrataStreamError;
      expect(error).toMatchObject({
        code: want.code,
        partialText: 'Hello',
        tokensReceived: 2,
        retrySafe:
          catalog[want.code as ErrorCode].midStream?.retrySafe ?? catalog[want.code as ErrorCode].retry !== 'never',
      });
      expect(error.body?.origin).toEqual(want.origin);
    },
  );

  it('skips a provider’s data events that are not errors, and Errata clients are unchanged', async () => {
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(
          sse('message', '{"choices":[{"delta":{"content":"x"}}]}') +
            sse('token', '{"index":0,"text":"ok"}') +
            sse('done', '{"finish_reason":"stop","usage":{"input_tokens":1,"output_tokens":1}}'),
        );
      },
      { normalize: providerNormalizer('openai'), maxRetries: 0 },
    );
    expect(await (await stream(client, 'echo-1', { prompt: 'hi' })).text()).toBe('ok');
  });
});
