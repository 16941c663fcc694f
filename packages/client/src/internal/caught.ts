/**
 * What `fromSdkError` found in an error an SDK threw: which SDK, and the provider's status, headers
 * and body as that SDK kept them. Each SDK family's reader (adapters.ts, cloud-sdk-errors.ts)
 * fills one in; the provider's normalizer reads it like a response.
 */

import { type HeaderSource, headerOf } from '../retry-policy.js';

/** Which SDK threw it, and what it carried: the status, the headers and the provider's body. */
export interface Caught {
  sdk: 'openai' | 'anthropic' | 'ai-sdk' | 'bedrock' | 'gemini' | 'mistral' | 'cohere';
  status: number | undefined;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** The body was rebuilt from the error's message: its shape is ours and says nothing of who sent it. */
  rebuilt?: boolean;
}

export type Loose = Record<string | symbol, unknown>;

// Read by name from whatever the SDK keeps: a WHATWG Headers (Stainless SDKs) or a plain record
// (the AI SDK, openai v4, the AWS SDK's `$response.headers`).
const WANTED = ['x-request-id', 'request-id', 'retry-after', 'retry-after-ms'];

/**
 * The headers the SDK kept, lower-cased (the provider's own ones tell who sent the error, the
 * rate-limit ones how long to wait), with the request id under `x-request-id` whatever the SDK
 * called it.
 */
export function headersOf(source: unknown, requestId: unknown): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  if (source && typeof (source as Headers).forEach === 'function' && typeof (source as Headers).get === 'function')
    (source as Headers).forEach((value, name) => {
      headers[name] = value;
    });
  else if (source && typeof source === 'object')
    for (const [name, value] of Object.entries(source))
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
  for (const name of WANTED) headers[name] ??= headerOf(source as HeaderSource, name);
  // Anthropic names its header `request-id`; the envelope reads `x-request-id`.
  headers['x-request-id'] ??= typeof requestId === 'string' ? requestId : headers['request-id'];
  return headers;
}
