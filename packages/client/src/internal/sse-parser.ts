/**
 * An incremental parser for `text/event-stream`, as the WHATWG HTML standard defines it (§9.2.6):
 * lines end in CRLF, LF or CR (a CRLF split across chunks included); `:` starts a comment; a field
 * without a colon has an empty value; one leading space of a value is dropped; `data` lines join
 * with `\n`; a blank line dispatches the event, unless it had no data; the event name defaults to
 * `message`; an unfinished event at the end of the stream is discarded. The BOM is the
 * TextDecoder's to strip. `id` and `retry` are read past: reconnection is not this client's job.
 */

/** One dispatched server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
}

export class SseParser {
  private rest = '';
  private afterCR = false;
  private event = '';
  private data: string[] = [];

  /** Feeds decoded text; returns the events it completed. */
  feed(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = this.rest + chunk;
    // A CR ended the previous chunk: an LF starting this one belongs to it.
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(text.slice(start, i), out);
      if (c === 13) {
        if (i + 1 === text.length) this.afterCR = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.rest = text.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
