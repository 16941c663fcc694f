/**
 * Reading a response's request id from its headers: the header the client was told (`requestIdHeader`),
 * then the common names, so that an API behind a gateway that renamed it still gets an id quoted.
 */
import { type HeaderSource, headerOf } from '../retry-policy.js';

/**
 * The request id the headers carry: `name` (any case; default `x-request-id`) first, then
 * `x-request-id` (Errata's default, OpenAI's) and `request-id` (Anthropic's, Azure's).
 *
 * @example
 * requestIdOf(new Headers({ 'x-trace-id': 'req_1' }), 'x-trace-id'); // 'req_1'
 * requestIdOf(new Headers({ 'request-id': 'req_2' })); // 'req_2'
 */
export function requestIdOf(headers: HeaderSource, name = 'x-request-id'): string | undefined {
  // On every error answer: stop at the first name that has an id (a header read is not free).
  for (const each of [name.toLowerCase(), 'x-request-id', 'request-id']) {
    const id = headerOf(headers, each);
    if (id) return id;
  }
  return undefined;
}
