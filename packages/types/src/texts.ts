/**
 * The long texts of the catalog: message templates, descriptions and remedies. A separate entry
 * point, so that bundles which only need codes and statuses leave these out.
 *
 * @example
 * import { errorTexts, formatMessage } from '@errata/types/texts';
 * formatMessage('MODEL_NOT_FOUND', { model: 'echo-1' }); // "Model echo-1 does not exist."
 */
import type { ErrorCode } from './catalog.js';
import { errorTexts } from './generated/texts.js';

export { errorTexts, providerTexts } from './generated/texts.js';

/**
 * Fills a code's message template. Parameters that are not given stay as `{name}`, so a message
 * is never silently wrong.
 *
 * @example
 * formatMessage('INVALID_FIELD_VALUE', { field: 'samples', issue: 'must be <= 4' });
 */
export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  const { message, params: names } = errorTexts[code];
  return (names as readonly string[]).reduce(
    (text, name) => (name in params ? text.replaceAll(`{${name}}`, String(params[name])) : text),
    message as string,
  );
}
