/**
 * A provider stream as the sandbox writes it: the API's opening events, one event per token, then
 * its closing events, or the fault's error event, a cut or a stall; framed as server-sent events
 * or, for Bedrock, AWS event-stream messages.
 */

import {
  ANSWER_TOKENS,
  type ProviderRequest,
  type ProviderRoute,
  type StreamEvent,
} from '../providers/provider-api.js';
import type { Clock } from './clock.js';
import { eventStreamBytes } from './event-stream.js';
import { sseBytes } from './sse.js';

export interface StreamEnding {
  /** The error event after the tokens, or how the stream breaks. */
  end: StreamEvent | 'cut' | 'stall' | undefined;
  after: number;
}

export interface StreamContext {
  signal: AbortSignal;
  clock: Clock;
  stallMs: number;
  /**
   * Closes the TCP connection once what was written has been sent, without the chunked
   * terminator: the client sees the stream cut. Undefined where there is no socket (app.request),
   * and then the stream errors instead.
   */
  breakConnection: (() => void) | undefined;
}

export function streamResponse(
  route: ProviderRoute,
  request: ProviderRequest,
  ending: StreamEnding,
  context: StreamContext,
  headers: Record<string, string>,
): Response {
  const shape = route.stream!;
  const tokens = ending.end === undefined ? ANSWER_TOKENS : ANSWER_TOKENS.slice(0, ending.after);
  const { end } = ending;
  const events = [...shape.open(request), ...tokens.map((token, i) => shape.token(request, token, i))];
  if (end === undefined) events.push(...shape.close(request, tokens));
  else if (typeof end === 'object') events.push(end);
  const cut = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (context.breakConnection) context.breakConnection();
    else controller.error(new Error('the stream was cut by the fault plan'));
  };
  const aws = route.framing === 'aws-eventstream';
  const bytes = aws ? eventStreamBytes : sseBytes;
  let next = 0;
  // One event per pull: when the writer asks for the next one, the ones before it are in the
  // socket, so a cut or a stall comes after them on the wire.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < events.length) return controller.enqueue(bytes(events[next++]!));
      if (end === 'cut') return cut(controller);
      if (end === 'stall')
        // Silent until the client gives up, or until stallMs: a stall never outlives it.
        return new Promise<void>((resolve) => {
          const cancel = context.clock.setTimeout(() => {
            cut(controller);
            resolve();
          }, context.stallMs);
          context.signal.addEventListener(
            'abort',
            () => {
              cancel();
              resolve();
            },
            { once: true },
          );
        });
      controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': aws ? 'application/vnd.amazon.eventstream' : 'text/event-stream',
      'cache-control': 'no-cache',
      ...headers,
    },
  });
}
