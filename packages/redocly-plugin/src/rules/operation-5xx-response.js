/** Every operation declares at least one 5xx response: clients must know what a server failure looks like. */
export default function operation5xxResponse() {
  return {
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
  };
}
