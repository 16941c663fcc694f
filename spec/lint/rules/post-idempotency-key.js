/**
 * Every POST accepts an `Idempotency-Key` and declares the 409 that a reused key answers: clients
 * retry POSTs after timeouts and 5xx, and only the key keeps a retry from running (and billing) twice.
 */
export default function postIdempotencyKey() {
  return {
    Operation: {
      enter(operation, ctx) {
        if (ctx.key !== 'post') return;
        const names = (operation.parameters ?? []).map((p) => ctx.resolve(p).node).filter((p) => p?.in === 'header').map((p) => p.name.toLowerCase());
        if (!names.includes('idempotency-key')) ctx.report({ message: 'A POST must accept the Idempotency-Key header.', location: ctx.location.key() });
        if (!operation.responses?.['409']) ctx.report({ message: 'A POST must declare the 409 a reused Idempotency-Key answers.', location: ctx.location.child('responses') });
      },
    },
  };
}
