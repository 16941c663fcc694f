import type { Oas3Parameter } from '@redocly/openapi-core';
import type { Rule } from '../redocly-types.js';

/** The options of errata/post-idempotency-key. */
interface PostIdempotencyKeyOptions {
  /** The header that carries the key (default `Idempotency-Key`). */
  header?: string;
  /** The status a reused key answers (default 409; `false` to not require one). */
  conflictStatus?: number | false;
  /** operationIds of POSTs that are safe to repeat (e.g. a pure classification) and need no key. */
  exceptOperations?: string[];
}

/**
 * Every POST accepts an `Idempotency-Key` and declares the 409 that a reused key answers: clients
 * retry POSTs after timeouts and 5xx, and only the key keeps a retry from running (and billing) twice.
 *
 * @example
 * // redocly.yaml: errata/post-idempotency-key: { severity: error, exceptOperations: [createModeration] }
 */
const postIdempotencyKey: Rule<PostIdempotencyKeyOptions> = ({
  header = 'Idempotency-Key',
  conflictStatus = 409,
  exceptOperations = [],
} = {}) => {
  const wanted = header.toLowerCase();
  const exempt = new Set(exceptOperations);
  return {
    Operation: {
      enter(operation, ctx) {
        if (ctx.key !== 'post' || (operation.operationId && exempt.has(operation.operationId))) return;
        const names = (operation.parameters ?? [])
          .map((p) => ctx.resolve<Oas3Parameter>(p).node)
          .filter((p) => p?.in === 'header')
          .map((p) => String(p?.name).toLowerCase());
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
};
export default postIdempotencyKey;
