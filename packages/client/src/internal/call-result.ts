/** What the attempt loop hands back for a call. A leaf: types only. */
import type { ErrorEnvelope } from '../errors.js';

export interface CallResult {
  /** A 2xx body, read as the caller asked. */
  data?: unknown;
  /** The canonical envelope of an error answer. */
  error?: ErrorEnvelope;
  /** The answer's Response (its body read), or the redacted copy handed out with an error. */
  response: Response;
  /**
   * What openapi-fetch must read itself, when it must: a stream's unread body, or a Response
   * rebuilt for middleware. Absent when the client read the answer (`data`, `error`): then
   * openapi-fetch gets an empty placeholder and the call returns this result instead.
   */
  forOpenapiFetch?: Response;
  /** A stream's attempt ends when the stream does: call once it is over (its abort listener goes). */
  release?: () => void;
}
