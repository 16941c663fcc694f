import type { Rule } from '../redocly-types.js';

/**
 * Responses that ask the client to wait (429 and 503 by default) declare `Retry-After`: a client
 * cannot honour a wait it was never told about.
 *
 * @param options `statuses`: the statuses that must carry it (default 429, 503).
 * @example
 * // redocly.yaml: errata/retry-after-header: { severity: error, statuses: [429, 503, 529] }
 */
const retryAfterHeader: Rule<{ statuses?: (number | string)[] }> = ({ statuses = [429, 503] } = {}) => {
  const waitStatuses = new Set(statuses.map(String));
  return {
    Response: {
      enter(response, ctx) {
        if (!waitStatuses.has(String(ctx.key))) return;
        const headers = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
        if (!headers.includes('retry-after')) {
          ctx.report({
            message: `Response ${ctx.key} must declare the Retry-After header.`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
};
export default retryAfterHeader;
