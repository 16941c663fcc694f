/**
 * `x-error-code` on a request schema property names the code a violation of it answers with:
 * one code for any violation (`x-error-code: INVALID_TEMPERATURE`) or one per failing keyword
 * (`x-error-code: { maxLength: PROMPT_TOO_LONG }`). Anything else falls back on the server's
 * generic validation code.
 */

/**
 * The code `schema`'s `x-error-code` names for a violation of `keyword`, if any.
 *
 * @example
 * errorCodeFor({ maxLength: 10, 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } }, 'minLength'); // undefined
 * errorCodeFor({ maximum: 2, 'x-error-code': 'INVALID_TEMPERATURE' }, 'maximum'); // 'INVALID_TEMPERATURE'
 */
export function errorCodeFor(schema: Record<string, unknown> | undefined, keyword: string): string | undefined {
  const named = schema?.['x-error-code'];
  if (typeof named === 'string') return named;
  const code = named && typeof named === 'object' ? (named as Record<string, unknown>)[keyword] : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Every (keyword, code) pair `schema`'s `x-error-code` names; `'*'` stands for any keyword.
 *
 * @example
 * errorCodesOf({ 'x-error-code': { maxLength: 'PROMPT_TOO_LONG' } }); // [['maxLength', 'PROMPT_TOO_LONG']]
 */
export function errorCodesOf(schema: Record<string, unknown> | undefined): [keyword: string, code: string][] {
  const named = schema?.['x-error-code'];
  if (typeof named === 'string') return [['*', named]];
  if (!named || typeof named !== 'object') return [];
  return Object.entries(named as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}
