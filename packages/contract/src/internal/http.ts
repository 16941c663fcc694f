// Sending one request of the suite and capturing the response whole. A network failure becomes a
// typed error carrying the request line, never a bare TypeError from fetch. What comes back — the
// body, the headers, a fetch error's message — passes through the context's redactor first, so no
// key the server echoes can reach a diff.

import { type Redactor, redactHeaders } from '@errata/redact';
import type { CapturedResponse } from '../check-response.js';

export interface RequestSpec {
  method: string;
  /** Path with parameters already filled in and encoded. */
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | FormData | Uint8Array;
}

export interface HttpContext {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Masks keys in everything captured (default: nothing masked). */
  redact?: Redactor;
}

const keep: Redactor = (text) => text;

/** The server could not be reached, or did not answer in time. */
export class ConformanceRequestError extends Error {
  override readonly name = 'ConformanceRequestError';
  constructor(
    readonly request: string,
    cause: unknown,
    redact: Redactor = keep,
  ) {
    // The cause is not kept: its message (and its cause's) may quote the key.
    super(redact(`${request}: ${causeMessage(cause)}`));
  }
}

function causeMessage(error: unknown): string {
  return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
}

export function describeRequest(request: RequestSpec): string {
  return `${request.method} ${request.path}`;
}

export async function send(context: HttpContext, request: RequestSpec): Promise<CapturedResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
  try {
    const response = await context.fetch(new URL(request.path, context.baseUrl), {
      method: request.method,
      headers,
      body: request.body as BodyInit | undefined,
      signal: AbortSignal.timeout(context.timeoutMs),
      redirect: 'manual',
    });
    const redact = context.redact ?? keep;
    return {
      status: response.status,
      headers: redactHeaders(response.headers, redact),
      text: redact(await response.text()),
    };
  } catch (error) {
    throw new ConformanceRequestError(describeRequest(request), error, context.redact);
  }
}

/**
 * Like `send`, for a response that may be a stream: the body is read to its end, and a
 * connection that fails part-way is reported in `transportError` with what arrived before it.
 */
export async function sendStream(
  context: HttpContext,
  request: RequestSpec,
): Promise<CapturedResponse & { transportError?: string }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
  const redact = context.redact ?? keep;
  let response: Response;
  try {
    response = await context.fetch(new URL(request.path, context.baseUrl), {
      method: request.method,
      headers,
      body: request.body as BodyInit | undefined,
      signal: AbortSignal.timeout(context.timeoutMs),
      redirect: 'manual',
    });
  } catch (error) {
    throw new ConformanceRequestError(describeRequest(request), error, redact);
  }
  const captured = redactHeaders(response.headers, redact);
  const decoder = new TextDecoder();
  let text = '';
  try {
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read())
      text += decoder.decode(chunk.value, { stream: true });
    return { status: response.status, headers: captured, text: redact(text + decoder.decode()) };
  } catch (error) {
    return {
      status: response.status,
      headers: captured,
      text: redact(text),
      transportError: redact(causeMessage(error)),
    };
  }
}

/** Fills `{name}` segments of a path template, encoding each value. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** What came back, as a report row says it: `200`, `404 MODEL_NOT_FOUND`, `500 (no code)`. */
export function gotOf(response: CapturedResponse): string {
  if (response.status < 400) return String(response.status);
  let code: unknown;
  try {
    code = (JSON.parse(response.text) as { code?: unknown } | null)?.code;
  } catch {
    code = undefined;
  }
  return `${response.status} ${typeof code === 'string' ? code : '(no code)'}`;
}
