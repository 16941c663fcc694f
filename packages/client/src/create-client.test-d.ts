import type { components, OperationError, OperationErrorCode } from '@errata/types';
import { describe, expectTypeOf, it } from 'vitest';
import { type ClientErrorCode, createClient, type ErrataError, unwrap } from './index.js';
import { type RequestResult, subscribe } from './queue.js';
import { type ErrataStream, type ErrataStreamError, type StreamEvent, stream } from './stream.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });

describe('error types per operation', () => {
  it('is the operation’s declared errors, never undefined once narrowed', async () => {
    const { data, error } = await client.GET('/v1/models/{model}', { params: { path: { model: 'echo-1' } } });
    if (error) {
      // openapi-fetch's Readable<> rewrites optional members, so compare the codes, then one member.
      expectTypeOf(error.code).toEqualTypeOf<OperationErrorCode<'getModel'>>();
      expectTypeOf(error.message).toEqualTypeOf<OperationError<'getModel'>['message']>();
      expectTypeOf(data).toBeUndefined();
    }
  });

  it('narrows on code to that code’s body', async () => {
    const { error } = await client.POST('/v1/models/{model}/run', {
      params: { path: { model: 'echo-1' } },
      body: { prompt: 'hi' },
    });
    if (error?.code === 'INVALID_FIELD_VALUE') {
      // required of Errata servers; a normalized provider error may lack it
      expectTypeOf(error.details?.field).toEqualTypeOf<string | undefined>();
      expectTypeOf(error.status).toEqualTypeOf<400>();
    }
    // required of Errata servers; a normalized provider error has it only when the provider stated a wait
    if (error?.code === 'RATE_LIMIT_EXCEEDED') expectTypeOf(error.retry_after).toEqualTypeOf<number | undefined>();
  });

  it('narrows on the body’s status (openapi-fetch #2360): the status is the code’s, a constant', async () => {
    const { error } = await client.POST('/v1/models/{model}/run', {
      params: { path: { model: 'echo-1' } },
      body: { prompt: 'hi' },
    });
    if (error?.status === 429) expectTypeOf(error.code).toEqualTypeOf<OperationErrorCode<'runModel', 429>>();
  });

  it('rejects a code the operation cannot return', async () => {
    const { error } = await client.GET('/v1/models');
    // @ts-expect-error listModels never returns REQUEST_FAILED
    if (error?.code === 'REQUEST_FAILED') throw new Error('unreachable');
  });
});

describe('runModel and streaming', () => {
  it('a plain run’s data is the RunResult, not a stream event (runModel’s 200 has two media types)', async () => {
    const { data } = await client.POST('/v1/models/{model}/run', {
      params: { path: { model: 'echo-1' } },
      body: { prompt: 'hi' },
    });
    if (data) expectTypeOf(data).toEqualTypeOf<components['schemas']['RunResult']>();
  });

  it('stream resolves to an ErrataStream of token and done events, narrowed on `event`', async () => {
    const events = await stream(client, 'echo-1', { prompt: 'hi' });
    expectTypeOf(events).toEqualTypeOf<ErrataStream>();
    for await (const event of events) {
      expectTypeOf(event).toEqualTypeOf<StreamEvent>();
      if (event.event === 'token') expectTypeOf(event.data.text).toEqualTypeOf<string>();
      else expectTypeOf(event.data.finish_reason).toEqualTypeOf<'stop' | 'length'>();
    }
    expectTypeOf(events.requestId).toEqualTypeOf<string | undefined>();
  });

  it('the stream’s error carries the partial output and whether a retry is safe', () => {
    expectTypeOf<ErrataStreamError['partialText']>().toEqualTypeOf<string>();
    expectTypeOf<ErrataStreamError['retrySafe']>().toEqualTypeOf<boolean>();
    expectTypeOf<ErrataStreamError>().toExtend<ErrataError>();
  });
});

describe('helpers', () => {
  it('unwrap returns the data type', async () => {
    const model = unwrap(await client.GET('/v1/models/{model}', { params: { path: { model: 'echo-1' } } }));
    expectTypeOf(model.id).toEqualTypeOf<string>();
  });

  it('subscribe returns the result', () => {
    expectTypeOf(subscribe(client, 'echo-1', { prompt: 'hi' })).toEqualTypeOf<Promise<RequestResult>>();
  });

  it('ErrataError codes are catalog codes or client codes', () => {
    expectTypeOf<'CONNECTION_ERROR'>().toExtend<ErrataError['code']>();
    expectTypeOf<'MODEL_NOT_FOUND'>().toExtend<ErrataError['code']>();
    // @ts-expect-error not a code
    const bogus: ClientErrorCode = 'TIMEOUT_ERROR';
    expectTypeOf(bogus).toBeString();
  });
});

describe('per-call options', () => {
  it('are typed on every method, stream() and subscribe()', async () => {
    await client.GET('/v1/models', {
      timeout: 1_000,
      maxRetries: 0,
      idempotencyKey: 'k',
      headers: { 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED' },
      signal: new AbortController().signal,
    });
    await client.POST('/v1/models/{model}/run', {
      params: { path: { model: 'echo-1' } },
      body: { prompt: 'hi' },
      maxRetries: 1,
    });
    // @ts-expect-error timeout is a number of ms
    await client.GET('/v1/models', { timeout: '1s' });
    // @ts-expect-error maxRetries is a number
    await client.GET('/v1/models', { maxRetries: true });
    await stream(
      client,
      'echo-1',
      { prompt: 'hi' },
      { timeout: 1_000, headers: { 'Errata-Simulate': 'OVERLOADED' }, idempotencyKey: 'k' },
    );
    // @ts-expect-error idempotencyKey is a string
    await stream(client, 'echo-1', { prompt: 'hi' }, { idempotencyKey: 1 });
    expectTypeOf(
      subscribe(client, 'echo-1', { prompt: 'hi' }, { maxRetries: 1, requestTimeout: 1_000, headers: { a: 'b' } }),
    ).toEqualTypeOf<Promise<RequestResult>>();
  });

  it('ErrataError has the catalog category, or client', () => {
    expectTypeOf<'rate_limit'>().toExtend<ErrataError['category']>();
    expectTypeOf<'client'>().toExtend<ErrataError['category']>();
  });
});
