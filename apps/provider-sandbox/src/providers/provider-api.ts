/**
 * What the provider sandbox needs to know of one provider's API to answer as it does: its routes,
 * its deterministic success answer, and its success stream. How it fails comes from the corpus,
 * never from here.
 */

/** One server-sent event as written on the wire (`event:` omitted when undefined). */
export interface SseEvent {
  event?: string | undefined;
  data: string;
}

/** What a handler knows of the request. */
export interface ProviderRequest {
  /** The route's parameters (Gemini's `model:method`). */
  params: Record<string, string>;
  url: URL;
  /** The parsed JSON body, `{}` when there is none. */
  body: Record<string, unknown>;
}

/** A success stream: the events that open it, one event per token, and the events that close it. */
export interface StreamShape {
  open: (request: ProviderRequest) => SseEvent[];
  token: (request: ProviderRequest, token: string, index: number) => SseEvent;
  close: (request: ProviderRequest, tokens: readonly string[]) => SseEvent[];
}

export interface ProviderRoute {
  /** Path below the provider's prefix, in Hono's syntax. */
  path: string;
  /** Whether this request asks for a stream. */
  streams: (request: ProviderRequest) => boolean;
  /** The deterministic JSON answer. */
  answer: (request: ProviderRequest, tokens: readonly string[]) => unknown;
  stream?: StreamShape;
  /**
   * How this API writes an error once its stream has started: one of its provider's
   * `stream_errors` rules in spec/providers.yaml (an SSE event name, and the member its data has).
   */
  streamError?: StreamErrorRule;
}

export interface StreamErrorRule {
  event: string;
  has?: string;
}

export interface ProviderApi {
  /** The provider's id in spec/providers.yaml and in the corpus. */
  id: string;
  /** What to set as the SDK's base URL, relative to the provider's prefix (`/v1` for OpenAI). */
  baseUrlSuffix: string;
  routes: ProviderRoute[];
}

/** The deterministic answer every model gives, one token per word. */
export const ANSWER_TOKENS: readonly string[] = 'Hello from the Errata provider sandbox.'
  .split(' ')
  .map((word, i) => (i === 0 ? word : ` ${word}`));

/** A stable token count for usage fields: one per word of the prompt's JSON, at least one. */
export function promptTokens(body: Record<string, unknown>): number {
  return Math.max(1, JSON.stringify(body).split(/\s+/).length);
}

export function modelOf(body: Record<string, unknown>, fallback: string): string {
  return typeof body.model === 'string' ? body.model : fallback;
}
