// The OpenTelemetry integration, over real HTTP: a span per call, a child span per attempt, with
// error.type set to the canonical code and the retry decision (reason, wait) on each attempt. The
// tracer is a recorder implementing the API's Tracer: no SDK needed to see what was recorded.
import {
  type Attributes,
  type Context,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { openTelemetry } from '../src/telemetry.js';
import { serverPerTest } from './helpers/serve.js';
import { refusedUrl, reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

interface Recorded {
  name: string;
  kind: SpanOptions['kind'];
  parent: Recorded | undefined;
  attributes: Attributes;
  status: number | undefined;
  ended: boolean;
}

function recordingTracer(): { tracer: Tracer; spans: Recorded[] } {
  const spans: Recorded[] = [];
  const tracer = {
    startSpan(name: string, options: SpanOptions = {}, ctx?: Context): Span {
      const parent = ctx && (trace.getSpan(ctx) as unknown as { recorded?: Recorded } | undefined)?.recorded;
      const recorded: Recorded = {
        name,
        kind: options.kind,
        parent,
        attributes: { ...options.attributes },
        status: undefined,
        ended: false,
      };
      spans.push(recorded);
      const span = {
        recorded,
        spanContext: () => ({ traceId: '0'.repeat(32), spanId: String(spans.length).padStart(16, '0'), traceFlags: 1 }),
        setAttribute(key: string, value: unknown) {
          recorded.attributes[key] = value as never;
          return span;
        },
        setStatus(status: { code: number }) {
          recorded.status = status.code;
          return span;
        },
        end() {
          recorded.ended = true;
        },
      };
      return span as unknown as Span;
    },
  };
  return { tracer: tracer as unknown as Tracer, spans };
}

const model = { params: { path: { model: 'echo-1' } } } as const;

describe('openTelemetry()', () => {
  it('503 then 200: a call span, two attempt spans under it; the first has error.type and the decision', async () => {
    const { tracer, spans } = recordingTracer();
    const { client } = await serve(
      (_req, res, i) =>
        i === 0
          ? reply(res, 503, '', { 'retry-after-ms': '5', 'x-request-id': 'req_a' })
          : reply(res, 200, { id: 'echo-1' }),
      { onEvent: openTelemetry({ tracer }) },
    );
    await client.GET('/v1/models/{model}', model);
    const [call, first, second] = spans;
    expect(spans).toHaveLength(3);
    expect(call).toMatchObject({
      name: 'GET /v1/models/{model}',
      parent: undefined,
      ended: true,
      status: undefined,
      attributes: { 'http.request.method': 'GET', 'url.template': '/v1/models/{model}', 'errata.attempts': 2 },
    });
    expect(first).toMatchObject({
      name: 'GET',
      parent: call,
      ended: true,
      status: SpanStatusCode.ERROR,
      attributes: {
        'error.type': 'SERVICE_UNAVAILABLE',
        'http.response.status_code': 503,
        'errata.request_id': 'req_a',
        'errata.retry.reason': 'retry-after',
        'errata.retry.wait_ms': 5,
      },
    });
    expect(second).toMatchObject({
      parent: call,
      ended: true,
      status: undefined,
      attributes: { 'http.response.status_code': 200, 'http.request.resend_count': 1 },
    });
    expect(second?.attributes['error.type']).toBeUndefined();
  });

  it.each([
    { name: 'an error answer that is not retried', status: 404, want: 'RESOURCE_NOT_FOUND', reason: 'never' },
    { name: 'retries exhausted', status: 503, want: 'SERVICE_UNAVAILABLE', reason: 'exhausted' },
  ])('$name: the call span has error.type $want and why it stopped', async ({ status, want, reason }) => {
    const { tracer, spans } = recordingTracer();
    const { client } = await serve((_req, res) => reply(res, status, '', { 'retry-after-ms': '1' }), {
      maxRetries: 1,
      onEvent: openTelemetry({ tracer }),
    });
    await client.GET('/v1/models/{model}', model);
    expect(spans[0]).toMatchObject({
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': want, 'errata.retry.reason': reason, 'http.response.status_code': status },
    });
    expect(spans.every((s) => s.ended)).toBe(true);
  });

  it('a thrown transport failure: error.type is the client code', async () => {
    const { tracer, spans } = recordingTracer();
    const client = createClient({ baseUrl: await refusedUrl(), maxRetries: 0, onEvent: openTelemetry({ tracer }) });
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'CONNECTION_ERROR' });
    expect(spans.map((s) => [s.name, s.attributes['error.type'], s.status, s.ended])).toEqual([
      ['GET /v1/models', 'CONNECTION_ERROR', SpanStatusCode.ERROR, true],
      ['GET', 'CONNECTION_ERROR', SpanStatusCode.ERROR, true],
    ]);
  });

  it('concurrent calls keep their own spans, and another hook still sees every event', async () => {
    const { tracer, spans } = recordingTracer();
    const seen: string[] = [];
    const { client } = await serve((_req, res) => reply(res, 200, { id: 'echo-1' }), {
      onEvent: openTelemetry({ tracer, onEvent: (e) => seen.push(e.type) }),
    });
    await Promise.all([client.GET('/v1/models'), client.GET('/v1/models/{model}', model)]);
    const calls = spans.filter((s) => s.parent === undefined);
    expect(calls.map((s) => s.name).sort()).toEqual(['GET /v1/models', 'GET /v1/models/{model}']);
    for (const call of calls) expect(spans.filter((s) => s.parent === call)).toHaveLength(1);
    expect(seen.sort()).toEqual(['attempt', 'attempt', 'done', 'done']);
  });
});
