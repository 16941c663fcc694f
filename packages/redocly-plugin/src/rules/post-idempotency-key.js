/**
 * Every POST accepts an `Idempotency-Key` and declares the 409 that a reused key answers: clients
 * retry POSTs after timeouts and 5xx, and only the key keeps a retry from running (and billing) twice.
 *
 * @param {{ header?: string, conflictStatus?: number | false, exceptOperations?: string[] }} [options]
 *   `header` (default `Idempotency-Key`); `conflictStatus`, the status a reused key answers
 *   (default 409; `false` to not require one); `exceptOperations`, operationIds of POSTs that are
 *   safe to repeat (e.g. a pure classification) and need no key.
 * @example
 * // redocly.yaml: errata/post-idempotency-key: { severity: error, exceptOperations: [createModeration] }
 */
export default function postIdempotencyKey({
  header = 'Idempotency-Key',
  conflictStatus = 409,
  exceptOperations = [],
} = {}) {
  const wanted = header.toLowerCase();
  const exempt = new Set(exceptOperations);
  return {
    Operation: {
      enter(operation, ctx) {
        if (ctx.key !== 'post' || exempt.has(operation.operationId)) return;
        const names = (operation.parameters ?? [])
          .map((p) => ctx.resolve(p).node)
          .filter((p) => p?.in === 'header')
          .map((p) => p.name.toLowerCase());
        if (!names.includes(wanted))
          ctx.report({ message: `A POST must accept the ${header} header.`, location: ctx.location.key() });
        if (conflictStatus !== false && !operation.responses?.[String(conflictStatus)]) {
          ctx.report({
            message: `A POST must declare the ${conflictStatus} a reused ${header} answers.`,
            location: ctx.location.child('responses'),
          });
        }
      },
    },
  };
}
