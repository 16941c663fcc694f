/**
 * Raised when a document cannot be read as an Errata spec: a `$ref` that leads nowhere, loops,
 * nests too deep or leaves the document. Never an `undefined` handed to the caller to trip on.
 */
export type SpecModelErrorKind = 'unresolvable' | 'cycle' | 'too-deep' | 'external';

export class SpecModelError extends Error {
  override readonly name = 'SpecModelError';

  /**
   * @example
   * throw new SpecModelError('cycle', '#/components/schemas/A', '$ref cycle: A → B → A');
   */
  constructor(
    readonly kind: SpecModelErrorKind,
    /** The JSON Pointer (or `$ref`) where reading stopped. */
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}
