// A streamed run: `text/event-stream` with one `token` event per word of the output, paced, then
// one `done` — or one `error` event carrying the envelope (errorEnvelope, the same function as
// every error response) when the model fails or a fault was asked for (stream-faults.ts). The
// stream holds its concurrency slot until it ends, and stops at once when the client goes away:
// the pending pause is cancelled, so no timer outlives the connection.
import type { IncomingMessage } from 'node:http';
import { setTimeout as flushed } from 'node:timers/promises';
import { CatalogError, type ErrorInit, escapeLogText, sseFrame } from '@errata/server';
import { simulatedError } from '@errata/server/hono';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { sleep } from '../internal/clock.js';
import type { SandboxEnv } from '../internal/env.js';
import { execute } from '../internal/models.js';
import { redactLog } from '../internal/redact-log.js';
import type { ModelDefinition } from '../seed.js';
import type { HandlerContext } from './handler.js';
import { outputViolations } from './output.js';

const MAX_PACE_MS = 60_000;

/** `stream: true` streams; without `stream`, so does `Accept: text/event-stream`. */
export function wantsStream(c: Context<SandboxEnv>, input: Record<string, unknown>): boolean {
  if (input.stream !== undefined) return input.stream === true;
  return (c.req.header('accept') ?? '').includes('text/event-stream');
}

interface Plan {
  tokens: string[];
  /** Silence before the first token (slow-1: longer than the request timeout). */
  waitMs: number;
  ending:
    | { done: { finish_reason: string; usage: { input_tokens: number; output_tokens: number } } }
    | { error: string; init: ErrorInit };
}

function plan({ state }: HandlerContext, model: ModelDefinition, input: Record<string, unknown>): Plan {
  if (model.behaviour === 'slow')
    return { tokens: [], waitMs: state.options.requestTimeoutMs, ending: { error: 'TIMEOUT', init: {} } };
  const outcome = execute(model, input);
  if (outcome.failure)
    return {
      tokens: [],
      waitMs: 0,
      ending: { error: 'PROCESSING_ERROR', init: { params: { reason: outcome.failure } } },
    };
  const violations = outputViolations(state, model, outcome.output);
  if (violations)
    return {
      tokens: [],
      waitMs: 0,
      ending: { error: 'INVALID_OUTPUT', init: { details: { validation_errors: violations } } },
    };
  const { text, finish_reason } = outcome.output as { text: string; finish_reason: string };
  const tokens = text
    .split(' ')
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word : ` ${word}`));
  return {
    tokens,
    waitMs: 0,
    ending: {
      done: { finish_reason, usage: { input_tokens: outcome.usage?.input_tokens ?? 0, output_tokens: tokens.length } },
    },
  };
}

function paceOf(c: Context<SandboxEnv>, fallback: number): number {
  const raw = c.req.header('errata-stream-pace-ms');
  if (raw === undefined) return fallback;
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > MAX_PACE_MS) {
    throw new CatalogError('INVALID_REQUEST', {
      params: {
        reason:
          `Errata-Stream-Pace-Ms must be a whole number of milliseconds up to ${MAX_PACE_MS}, ` +
          `got ${JSON.stringify(raw)}`,
      },
    });
  }
  return Number(raw);
}

/** Closes the connection once what was written has gone out: the client sees the stream cut, not a clean end. */
async function dropConnection(c: Context<SandboxEnv>, stream: SSEStreamingApi): Promise<void> {
  // Let the last event leave the web stream's queues for the socket first. This is I/O, not
  // simulated time, so it is on the real timers rather than the sandbox's clock.
  await flushed(20);
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (socket) socket.destroySoon();
  else stream.abort();
}

/**
 * Streams a prepared run of a text model.
 *
 * @example
 * if (wantsStream(c, input)) return streamRun(context, model, input);
 */
export function streamRun(context: HandlerContext, model: ModelDefinition, input: Record<string, unknown>): Response {
  const { c, state, slot } = context;
  const { options } = state;
  const pace = paceOf(c, options.streamPaceMs);
  const fault = c.get('streamFault');
  // A mid-stream code is always a catalog code (stream-faults.ts).
  const simulated = fault?.kind === 'error' ? simulatedError(state.server, c, fault.code) : undefined;
  if (fault) c.header('Errata-Simulated', fault.kind === 'error' ? fault.code : `stream-${fault.kind}`);
  const { tokens, waitMs, ending } = plan(context, model, input);
  const requestId = c.get('requestId');
  const release = slot.hold();

  return streamSSE(c, async (stream) => {
    const abort = new AbortController();
    stream.onAbort(() => abort.abort());
    const started = performance.now();
    let sent = 0;
    let outcome = 'unfinished';
    // The same envelope as an error response, from the same kit (@errata/server).
    const errorEvent = (code: string, init: ErrorInit) =>
      stream.write(
        state.server.sseError(
          code as never,
          { ...init, details: { ...init.details, tokens_delivered: sent } },
          requestId,
        ),
      );
    try {
      if (waitMs) await sleep(options.clock, waitMs, abort.signal);
      for (const text of tokens) {
        if (fault && sent >= fault.after) break;
        if (pace) await sleep(options.clock, pace, abort.signal);
        await stream.write(sseFrame({ event: 'token', data: { index: sent, text } }));
        if (stream.aborted) break;
        sent++;
      }
      if (stream.aborted) outcome = 'aborted by the client';
      else if (fault?.kind === 'error') {
        await errorEvent(fault.code, simulated!.init);
        outcome = `error ${fault.code} (simulated)`;
      } else if (fault?.kind === 'drop') {
        await dropConnection(c, stream);
        outcome = 'dropped (simulated)';
      } else if (fault?.kind === 'malformed') {
        await stream.write(`event: token\ndata: {"index":${sent},"text":"unterminated\n\n`);
        outcome = 'malformed event (simulated)';
      } else if (fault?.kind === 'truncate') {
        outcome = 'truncated (simulated)';
      } else if ('error' in ending) {
        await errorEvent(ending.error, ending.init);
        outcome = `error ${ending.error}`;
      } else {
        await stream.write(sseFrame({ event: 'done', data: ending.done }));
        outcome = 'done';
      }
    } catch (error) {
      if (abort.signal.aborted) outcome = 'aborted by the client';
      else {
        // Never Hono's default (the exception's message as an event): log it, end with the envelope.
        options.log?.(
          redactLog(
            escapeLogText(`${requestId} unexpected error in a stream: ${(error as Error).stack ?? String(error)}`),
          ),
        );
        await errorEvent('INTERNAL_ERROR', {}).catch(() => undefined);
        outcome = 'error INTERNAL_ERROR';
      }
    } finally {
      release();
      options.log?.(
        `${requestId} stream ${outcome} after ${sent} tokens, ${(performance.now() - started).toFixed(0)}ms`,
      );
    }
  });
}
