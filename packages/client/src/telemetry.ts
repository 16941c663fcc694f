/**
 * `@errata/client/telemetry`: OpenTelemetry spans for every call and every attempt, built from the
 * client's events. A subpath of its own: `@opentelemetry/api` (an optional peer dependency) is
 * loaded only by those who import it, and a client without it runs no telemetry code at all.
 */
import { context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { ClientEvent, DoneEvent, OnEvent, RetryEvent } from './events.js';

export interface TelemetryOptions {
  /** Where the spans go (default: `trace.getTracer('@errata/client')`, the global provider's). */
  tracer?: Tracer;
  /** Another hook that sees every event too (e.g. `debugLogger()`): a client takes one `onEvent`. */
  onEvent?: OnEvent;
}

interface OpenCall {
  call: Span;
  attempt: Span | undefined;
}

/**
 * An `onEvent` hook that records each call as a span (`{method} {path template}`, kind INTERNAL)
 * with a child span per attempt (`{method}`, kind CLIENT). Both carry the OpenTelemetry semantic
 * conventions' `http.request.method`, `url.template` and, once answered, `http.response.status_code`;
 * a failed one carries `error.type`, set to the canonical code (`RATE_LIMIT_EXCEEDED`,
 * `CONNECTION_ERROR`…), and an ERROR status. Attempts after the first carry
 * `http.request.resend_count`. The retry decision is on the attempt it followed:
 * `errata.retry.reason` (`retry-after`, `backoff`, or why the call stopped: `exhausted`, `never`…)
 * and `errata.retry.wait_ms`, the wait chosen. `errata.request_id` is the answer's request id. A
 * streamed call's spans end when the stream starts.
 *
 * @example
 * import { trace } from '@opentelemetry/api';
 * import { createClient } from '@errata/client';
 * import { openTelemetry } from '@errata/client/telemetry';
 * const client = createClient({
 *   baseUrl: 'http://127.0.0.1:4010',
 *   onEvent: openTelemetry({ tracer: trace.getTracer('my-app') }),
 * });
 */
export function openTelemetry(options: TelemetryOptions = {}): OnEvent {
  const tracer = options.tracer ?? trace.getTracer('@errata/client');
  const open = new Map<number, OpenCall>();
  const record = (event: ClientEvent) => {
    const base = { 'http.request.method': event.method, 'url.template': event.path };
    let spans = open.get(event.callId);
    if (event.type === 'attempt') {
      if (!spans) {
        spans = {
          call: tracer.startSpan(`${event.method} ${event.path}`, { kind: SpanKind.INTERNAL, attributes: base }),
          attempt: undefined,
        };
        open.set(event.callId, spans);
      }
      const attributes = event.attempt > 1 ? { ...base, 'http.request.resend_count': event.attempt - 1 } : base;
      spans.attempt = tracer.startSpan(
        event.method,
        { kind: SpanKind.CLIENT, attributes },
        trace.setSpan(context.active(), spans.call),
      );
      return;
    }
    if (!spans) return;
    if (event.type === 'retry') {
      if (spans.attempt) end(spans.attempt, event);
      spans.attempt = undefined;
      return;
    }
    if (spans.attempt) end(spans.attempt, event);
    spans.call.setAttribute('errata.attempts', event.attempt);
    end(spans.call, event);
    open.delete(event.callId);
  };
  // The other hook runs whatever happens here, and what it throws leaves the spans whole.
  return (event) => {
    try {
      record(event);
    } finally {
      options.onEvent?.(event);
    }
  };
}

// Records what an attempt (or the call) came to, and ends its span.
function end(span: Span, event: RetryEvent | DoneEvent): void {
  const failed = event.type === 'retry' || event.outcome !== 'data';
  if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
  if (event.requestId) span.setAttribute('errata.request_id', event.requestId);
  if (event.reason !== undefined) span.setAttribute('errata.retry.reason', event.reason);
  if (event.type === 'retry') span.setAttribute('errata.retry.wait_ms', event.wait);
  if (failed && event.code !== undefined) {
    span.setAttribute('error.type', event.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.type === 'done' ? event.message : undefined });
  }
  span.end();
}
