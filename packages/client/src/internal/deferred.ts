/**
 * The deferred part of the main entry: what a call needs only when something goes wrong (reading an
 * error answer, the retry decision, the wait, the errors), when it passes its own options, or when
 * its 2xx is not read as JSON (a HEAD, `parseAs` text, Blob or bytes).
 *
 * The one lazy seam of `@errata/client`: `loadDeferred()` imports this module (once per process),
 * and nothing else in the client is loaded with `import()`. It exists for the size budget (the main
 * entry's static imports ≤ 5 KB min+gzip, `scripts/size.ts`): a client whose calls succeed never
 * downloads or parses the envelope builder, the retry decision, the wait or the option checks.
 * Nothing here imports the attempt loop, or this module, back.
 */

export { callSettings } from './call-options.js';
export { readErrorAnswer } from './error-answer.js';
export { otherData } from './other-data.js';
export { settleFailure } from './settle-failure.js';
export { notJson, unbuildable } from './transport-error.js';
