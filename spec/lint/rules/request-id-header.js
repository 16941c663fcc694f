/** Every response, success or error, declares `X-Request-Id`: it is the one thing support always asks for. */
export default function requestIdHeader() {
  return {
    Response: {
      enter(response, ctx) {
        const headers = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
        if (!headers.includes('x-request-id')) {
          ctx.report({ message: `Response ${ctx.key} must declare the X-Request-Id header.`, location: ctx.location.key() });
        }
      },
    },
  };
}
