/**
 * The error catalog as markdown, for the "Errors" tag of the API reference (Redoc renders GFM
 * tables). Links point at the catalog page, relative to the reference page.
 */
import type { DocsModel } from './docs-model.js';
import { midStreamCell } from './pages/catalog-tables.js';
import { providerRows, theirId } from './provider-errors.js';
import { retryWording } from './retry-policy.js';

/**
 * Escapes text for a markdown table cell.
 *
 * @example
 * cell('a | b'); // 'a \\| b'
 */
export function cell(value: unknown): string {
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A GFM table.
 *
 * @example
 * markdownTable(['a', 'b'], [[1, 2]]); // '| a | b |\n|---|---|\n| 1 | 2 |'
 */
export function markdownTable(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/**
 * The description of the "Errors" tag: every code, then which codes each operation returns.
 *
 *
 * @example
 * errorsTagDescription(model, '../errors/'); // 'Every non-2xx response is the error envelope: …'
 * @param catalogHref the catalog page, relative to the reference page
 */
export function errorsTagDescription(model: DocsModel, catalogHref: string): string {
  const link = (code: string) => `[${code}](${catalogHref}#${code})`;
  const codes = markdownTable(
    ['Code', 'HTTP', 'Internal', 'Retry', 'Mid-stream', 'Title'],
    model.entries.map((e) => [
      link(e.code),
      e.status,
      e.internalCode,
      retryWording[e.retry].label,
      midStreamCell(e.midStream),
      e.title,
    ]),
  );
  const byOperation = markdownTable(
    ['Operation', 'Status', 'Codes'],
    model.operations.flatMap((op) =>
      op.errors.map(({ status, codes: list }) => [
        `[${op.operationId}](#operation/${op.operationId})`,
        status,
        list.map(link).join(' '),
      ]),
    ),
  );
  // Redoc's search reads tag descriptions: this table makes a provider's own code, name and
  // message text find the Errata code ("No such model" → NO_SUCH_MODEL_OR_TASK).
  const byProvider = markdownTable(
    ['Provider', 'Their code', 'Name', 'Status', 'Message, as documented', 'Errata code'],
    Object.entries(model.providers).flatMap(([id, provider]) =>
      providerRows(model.crosswalk, id).map((row) => [
        `[${provider.title}](${catalogHref}../providers/${id}/)`,
        theirId(row),
        row.name ?? '',
        row.status ?? '',
        row.message ?? '',
        link(row.canonical),
      ]),
    ),
  );
  return [
    'Every non-2xx response is the error envelope: `code`, `message`, `status`, `request_id`,',
    '`doc_url`, and `retry_after` or `details` where the code has them. Switch on `code`; its retry',
    `policy says whether to send the request again. Each code has a section in the [error catalog](${catalogHref})`,
    'with its example body and how to handle it with `@errata/client`. A streamed run that fails after',
    `its first byte ends with an \`error\` event instead; see [streaming errors](${catalogHref}#streaming).`,
    '',
    '## Every code',
    '',
    codes,
    '',
    '## Codes by operation',
    '',
    byOperation,
    '',
    '## What other providers call them',
    '',
    "Each seed provider's documented errors, by its own code, name and message, and the Errata code",
    '`normalizeError` from `@errata/client/normalize` turns them into.',
    '',
    byProvider,
    '',
  ].join('\n');
}
