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
export const requestIdOf = (headers: HeaderSource, name = 'x-request-id'): string | undefined =>
  [name.toLowerCase(), 'x-request-id', 'request-id'].map((each) => headerOf(headers, each)).find((id) => id);
