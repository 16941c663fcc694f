// Test helper: a streamed run over real HTTP, read chunk by chunk, parsed with the contract's
// event-stream parser; optionally aborted by the client once it has some tokens.
import { parseEventStream } from '@errata/contract';

/** Headers with a value (test tables leave some out). */
export const definedOnly = (headers: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));

export interface StreamReply {
  status: number;
  headers: Headers;
  text: string;
  /** Each event's data: the sandbox sends JSON objects; an event that is not one (a malformed event) is `{ text }`. */
  events: { event: string | undefined; data: Record<string, unknown> }[];
  /** Why reading failed part-way (a dropped connection), if it did. */
  transportError?: string;
}

export async function stream(
  base: string,
  {
    model = 'echo-1',
    body = { prompt: 'one two three four five', stream: true },
    headers = {},
    key = 'sk_test_valid',
    abortAfterTokens,
  }: {
    model?: string;
    body?: unknown;
    headers?: Record<string, string | undefined>;
    key?: string;
    abortAfterTokens?: number;
  } = {},
): Promise<StreamReply> {
  const abort = new AbortController();
  const response = await fetch(`${base}/v1/models/${model}/run`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...definedOnly(headers) },
    body: JSON.stringify(body),
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let transportError: string | undefined;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      if (
        abortAfterTokens !== undefined &&
        parseEventStream(text).events.filter((e) => e.event === 'token').length >= abortAfterTokens
      ) {
        abort.abort();
        break;
      }
    }
  } catch (error) {
    transportError = (error as Error).message;
  }
  const events = parseEventStream(text).events.map(({ event, data }) => {
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed === 'object' && parsed !== null) return { event, data: parsed as Record<string, unknown> };
    } catch {
      // not JSON: kept as its text
    }
    return { event, data: { text: data } };
  });
  return {
    status: response.status,
    headers: response.headers,
    text,
    events,
    ...(transportError ? { transportError } : {}),
  };
}

/** The text of the token events, joined: the partial output a client would have shown. */
export const output = (reply: StreamReply) =>
  reply.events
    .filter((e) => e.event === 'token')
    .map((e) => e.data.text)
    .join('');
