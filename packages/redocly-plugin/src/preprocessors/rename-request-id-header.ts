import type { Rule } from '../redocly-types.js';

/** The name Errata's shared components give the header. */
const SHARED = 'x-request-id';

/**
 * Renames the request-id header on every response, Errata's shared responses included, for an API
 * whose header is called otherwise (the server kit's `requestIdHeader`, the client's). A
 * preprocessor, so lint (with `errata/request-id-header` given the same `header`) and `redocly
 * bundle` both see the API's own name; the header's definition (`X-Request-Id.yaml`) is unchanged.
 * Named apart from the rule: Redocly hands a preprocessor the options of a rule of the same name.
 *
 * @param options `header`: the API's request-id header (nothing is renamed without it).
 * @example
 * // redocly.yaml
 * // preprocessors:
 * //   errata/rename-request-id-header: { header: X-Trace-Id }
 * // rules:
 * //   errata/request-id-header: { severity: error, header: X-Trace-Id }
 */
const renameRequestIdHeader: Rule<{ header?: string }> = ({ header } = {}) => ({
  Response: {
    enter(response) {
      const headers = response.headers;
      const from = headers && Object.keys(headers).find((name) => name.toLowerCase() === SHARED);
      if (!header || !headers || !from || from === header) return;
      // In place, keeping the order: a shared response is one object wherever it is referenced.
      const entries = Object.entries(headers);
      for (const [name] of entries) delete headers[name];
      for (const [name, value] of entries) headers[name === from ? header : name] = value;
    },
  },
});
export default renameRequestIdHeader;
