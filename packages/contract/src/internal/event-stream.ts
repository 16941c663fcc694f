// Reading a `text/event-stream` body into events, with eventsource-parser (the WHATWG parsing
// rules), keeping what a conformance check needs to know beyond the events: whether the body
// ended in the middle of an event.
import { createParser } from 'eventsource-parser';

export interface ParsedEvent {
  /** The `event:` field; undefined when the server sent none. */
  event: string | undefined;
  /** The `data:` lines, joined with newlines, unparsed. */
  data: string;
}

/**
 * The events of a complete body, and whether data was left after the last blank line.
 *
 * @example
 * parseEventStream('event: token\ndata: {"index":0,"text":"hi"}\n\n');
 * // { events: [{ event: 'token', data: '{"index":0,"text":"hi"}' }], trailing: false }
 */
export function parseEventStream(text: string): { events: ParsedEvent[]; trailing: boolean } {
  const events: ParsedEvent[] = [];
  const parser = createParser({ onEvent: ({ event, data }) => events.push({ event, data }) });
  parser.feed(text);
  // Whatever follows the last blank line is an event the server never finished.
  const trailing = (text.split(/\r\n\r\n|\n\n|\r\r/).pop() ?? '').trim() !== '';
  return { events, trailing };
}
