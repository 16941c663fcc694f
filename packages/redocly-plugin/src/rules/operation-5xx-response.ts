import type { Rule } from '../redocly-types.js';

/** Every operation declares at least one 5xx response: clients must know what a server failure looks like. */
const operation5xxResponse: Rule = () => ({
  Operation: {
    enter(operation, ctx) {
      const codes = Object.keys(operation.responses ?? {});
      if (!codes.some((code) => /^5(\d\d|XX)$/.test(code))) {
        ctx.report({
          message: 'Operation must declare at least one 5xx response.',
          location: ctx.location.child('responses'),
        });
      }
    },
  },
});
export default operation5xxResponse;
