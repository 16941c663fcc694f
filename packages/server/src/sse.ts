/**
 * Server-sent events as text frames (WHATWG HTML §9.2): any writer that can send a string can
 * stream — a Node response, a web `ReadableStream`, Hono's `streamSSE`. A stream's `error` event
 * carries the same envelope as an error response, from the same function.
 */

export interface SseEvent {
  event?: string;
  /** A string is sent as is; anything else as JSON. */
  data: unknown;
  id?: string;
}

/**
 * One event as a frame: a multi-line `data` becomes several `data:` lines, so a newline in it
 * cannot end the event early or inject a field.
 *
 * @example
 * sseFrame({ event: 'token', data: { index: 0, text: 'hi' } }); // 'event: token\ndata: {"index":0,"text":"hi"}\n\n'
 */
export function sseFrame({ event, data, id }: SseEvent): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  let frame = '';
  if (event !== undefined) frame += `event: ${event.replace(/[\r\n]/g, '')}\n`;
  if (id !== undefined) frame += `id: ${id.replace(/[\r\n]/g, '')}\n`;
  for (const line of text.split(/\r\n|\r|\n/)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

/** The headers a stream starts with. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
};
