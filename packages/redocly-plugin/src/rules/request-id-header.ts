import type { Rule } from '../redocly-types.js';

/**
 * Every response, success or error, declares the request-id header: it is the one thing support
 * always asks for.
 *
 * @param options `header`: the header that carries the request id (default `X-Request-Id`).
 * @example
 * // redocly.yaml: errata/request-id-header: { severity: error, header: X-Trace-Id }
 */
const requestIdHeader: Rule<{ header?: string }> = ({ header = 'X-Request-Id' } = {}) => {
  const wanted = header.toLowerCase();
  return {
    Response: {
      enter(response, ctx) {
        const headers = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
        if (!headers.includes(wanted)) {
          ctx.report({
            message: `Response ${ctx.key} must declare the ${header} header.`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
};
export default requestIdHeader;
