/**
 * What the provider sandbox needs to know of one provider's API to answer as it does: its routes,
 * its deterministic success answer, and its success stream. How it fails comes from the corpus,
 * never from here.
 */

/**
 * One stream event: a server-sent event (`event:` omitted when undefined), or an AWS event-stream
 * message named by `event` (`:event-type`, or `:exception-type` when `exception` is set).
 */
export interface StreamEvent {
  event?: string | undefined;
  data: string;
  /** AWS event-stream only: the message is an exception (`:message-type: exception`). */
  exception?: boolean;
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
  open: (request: ProviderRequest) => StreamEvent[];
  token: (request: ProviderRequest, token: string, index: number) => StreamEvent;
  close: (request: ProviderRequest, tokens: readonly string[]) => StreamEvent[];
}

export interface ProviderRoute {
  /** Path below the provider's prefix, in Hono's syntax. */
  path: string;
  /** Whether this request asks for a stream. */
  streams: (request: ProviderRequest) => boolean;
  /** The deterministic JSON answer. */
  answer: (request: ProviderRequest, tokens: readonly string[]) => unknown;
  stream?: StreamShape;
  /** How the stream is framed on the wire: server-sent events unless said. */
  framing?: 'sse' | 'aws-eventstream';
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
  /**
   * How this API's protocol writes an error known only by status, name and message (an AWS SDK's
   * exception, a crosswalk entry with its documented message), for an API whose error envelope is
   * nothing more than those (Bedrock's rest-json: the `x-amzn-errortype` header and `{"message"}`).
   * Undefined where an envelope carries more than that, so that no body is made up.
   */
  errorProtocol?: ErrorProtocol;
}

export interface ErrorProtocol {
  /** The SDK whose thrown exceptions (corpus `sdk_error` cases) name the wire error this writes. */
  sdkPackage: string;
  write: (error: WrittenError) => { headers: Record<string, string>; body: string };
}

/** An error known by its HTTP status, its provider name (an exception class) and its message. */
export interface WrittenError {
  status: number;
  name: string;
  message: string;
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
