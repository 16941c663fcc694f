/**
 * What a streamed (`text/event-stream`) response may send: its events by name, and the codes
 * its `error` event can carry.
 */
import type { OpenApiDocument } from './document.js';
import { constOf } from './error-schema.js';
import type { SpecOperation } from './operations.js';
import { escapePointer } from './pointer.js';
import { pointerFor, resolveRef } from './resolve.js';

/** The media type of a streamed response. */
export const EVENT_STREAM = 'text/event-stream';

/** The events one operation's stream declares. */
export interface StreamSchema {
  operationId: string;
  /** The 2xx status the stream is sent with. */
  status: number;
  /** JSON Pointer of the stream's event schema (a `oneOf` of events). */
  pointer: string;
  /** Event name (its `event` const) → JSON Pointer of that event's schema. */
  events: Map<string, string>;
  /** The codes an event's `data` can carry (the `error` event's `oneOf`), in spec order. */
  errorCodes: string[];
}

type EventNode = { properties?: { event?: unknown; data?: unknown } };

/**
 * The stream an operation declares, if any.
 *
 * @example
 * readStream(document, runModel)?.errorCodes; // ['OVERLOADED', 'TIMEOUT', …]
 */
export function readStream(document: OpenApiDocument, operation: SpecOperation): StreamSchema | undefined {
  for (const response of operation.responses) {
    if (response.status < 200 || response.status > 299 || !response.mediaTypes.includes(EVENT_STREAM)) continue;
    const media = resolveRef<{ content: Record<string, { schema?: unknown }> }>(document, { $ref: response.pointer })
      .content[EVENT_STREAM];
    if (media?.schema === undefined) continue;
    const pointer = pointerFor(media.schema, `${response.pointer}/content/${escapePointer(EVENT_STREAM)}/schema`);
    const root = resolveRef<{ oneOf?: unknown[] }>(document, media.schema);
    const events = new Map<string, string>();
    const errorCodes: string[] = [];
    (root.oneOf ?? [root]).forEach((member, i) => {
      const name = constOf(document, member, 'event');
      if (typeof name !== 'string') return;
      events.set(name, pointerFor(member, `${pointer}/oneOf/${i}`));
      const data = resolveRef<{ oneOf?: unknown[] } | undefined>(
        document,
        resolveRef<EventNode>(document, member).properties?.data,
      );
      for (const variant of data?.oneOf ?? []) {
        const code = constOf(document, variant, 'code');
        if (typeof code === 'string' && !errorCodes.includes(code)) errorCodes.push(code);
      }
    });
    return { operationId: operation.operationId, status: response.status, pointer, events, errorCodes };
  }
  return undefined;
}
