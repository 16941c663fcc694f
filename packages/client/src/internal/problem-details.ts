// RFC 9457 problem details read as the envelope: a body with `detail` (or `title`) but no
// `message` has its message, request id (`instance`) and documentation link (`type`) where the
// envelope keeps them, before the usual reading. An Errata server's problem details already carry
// the envelope's members and pass through unchanged.

type Body = Record<string, unknown>;
const isBody = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * `body` with the envelope's members filled from RFC 9457's where it lacks them.
 *
 * @example
 * withProblemDetails({ type: 'https://x/e#Q', title: 'Over quota', detail: 'Try later.', instance: 'r1' });
 * // { …, message: 'Try later.', request_id: 'r1', doc_url: 'https://x/e#Q' }
 */
export function withProblemDetails(body: unknown): unknown {
  if (!isProblemDetails(body)) return body;
  const message = text(body.detail) ?? text(body.title);
  if (message === undefined) return body;
  const type = text(body.type);
  return {
    ...body,
    message,
    ...(body.request_id === undefined && text(body.instance) ? { request_id: body.instance } : {}),
    ...(body.doc_url === undefined && type && type !== 'about:blank' ? { doc_url: type } : {}),
  };
}

/**
 * Whether a body is RFC 9457 problem details not already read as the envelope: a `type` or a
 * `title`, a `detail` or a `title`, and no `message`. FastAPI's bare `{ "detail": … }` is not one.
 */
export function isProblemDetails(body: unknown): body is Body {
  return (
    isBody(body) &&
    text(body.message) === undefined &&
    (text(body.type) ?? text(body.title)) !== undefined &&
    (text(body.detail) ?? text(body.title)) !== undefined
  );
}
