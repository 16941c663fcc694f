/**
 * A client under test: one call to a provider's API through the client, as an app makes it. The
 * run gives it a base URL (a scenario of the provider sandbox) and reads what it did from the
 * scenario's attempts and from what the call returned or threw.
 */
export interface CallTarget {
  /** The base URL to give the client, as its SDK expects it (`…/openai/v1`, `…/anthropic`). */
  baseUrl: string;
  apiKey: string;
  stream: boolean;
  /** The per-attempt timeout to configure, where the client has one. */
  timeoutMs: number;
  /** Called with each piece of text as it arrives (streams), so partial output can be checked. */
  onText: (text: string) => void;
}

export interface ClientSubject {
  /** The report's name for the client: `openai-node 6.49`. */
  name: string;
  /** The provider whose API it calls. */
  provider: string;
  /** Whether it can stream; stream faults are skipped (and reported skipped) otherwise. */
  streams: boolean;
  /** True when the client speaks HTTP/2 only (the AWS SDK): it is given the sandbox's h2c listener. */
  http2?: boolean;
  /** False when the client does not hand its text to `onText` (a command): partial output is not judged. */
  reportsText?: boolean;
  /** Makes one call; resolves with the whole text, or throws what the client throws. */
  call(target: CallTarget): Promise<string>;
}
