/**
 * Server-sent events from decoded text chunks, parsed by eventsource-parser (the WHATWG rules:
 * comments, `data` lines joined with `\n`, one leading space dropped, no dispatch without data).
 * Line ends are made LF first: eventsource-parser 3.1 holds a chunk's last CR until the next byte
 * tells whether an LF follows, so a CR-only stream's last event (the `done`) would wait forever.
 */
import { createParser } from 'eventsource-parser';

/** One dispatched server-sent event; `event` is `message` when the server named none. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Feeds decoded text; each call returns the events it completed. */
export function sseEvents(): (chunk: string) => SseEvent[] {
  const out: SseEvent[] = [];
  const parser = createParser({ onEvent: ({ event, data }) => out.push({ event: event ?? 'message', data }) });
  let afterCR = false;
  return (chunk) => {
    // A CR ended the previous chunk, already read as a line end: an LF starting this one is its CRLF.
    const text = afterCR && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    afterCR = text.endsWith('\r');
    parser.feed(text.replace(/\r\n?/g, '\n'));
    return out.splice(0);
  };
}
