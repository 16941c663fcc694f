/** 429 and 503 responses declare `Retry-After`: a client cannot honour a wait it was never told about. */
const WAIT_STATUSES = new Set(['429', '503']);

export default function retryAfterHeader() {
  return {
    Response: {
      enter(response, ctx) {
        if (!WAIT_STATUSES.has(String(ctx.key))) return;
        const headers = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
        if (!headers.includes('retry-after')) {
          ctx.report({ message: `Response ${ctx.key} must declare the Retry-After header.`, location: ctx.location.key() });
        }
      },
    },
  };
}
