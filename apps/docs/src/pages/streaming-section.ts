/**
 * The catalog page's "Streaming errors" section, and the streamed part of a mid-stream code's own
 * section. Event shapes come from the spec's stream schemas, the codes from the error event's
 * `data.oneOf`, retry safety and notes from the catalog, example streams from the spec's examples.
 */
import type { CodeEntry, DocsModel } from '../docs-model.js';
import { esc, inlineMarkdown, text } from '../html.js';
import { type JsonSchema, schemaFields } from '../schema-fields.js';
import { EVENT_STREAM, exampleStream, sseFrame } from '../stream-events.js';
import { streamSnippet } from '../stream-snippet.js';
import { codeLink, statusLabel } from './catalog-tables.js';

/** A table row of `<td>` cells. */
const row = (cells: readonly string[]): string => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;

/** A table's header row. */
const head = (names: readonly string[]): string => `<tr>${names.map((name) => `<th>${name}</th>`).join('')}</tr>`;

/**
 * Whether a retry after partial output can succeed, in a few words (the table and the facts).
 *
 * @example
 * retrySafeLabel(true); // 'retry safe'
 */
export const retrySafeLabel = (retrySafe: boolean): string => (retrySafe ? 'retry safe' : 'not retry safe');

/**
 * The section: how errors before the first byte differ from errors after it, the schema of each
 * event, and every code an error event can carry.
 *
 * @example
 * streamingSection(model); // '<h2 id="streaming">Streaming errors</h2>…'
 */
export function streamingSection(model: DocsModel): string {
  const { stream } = model;
  if (stream.operations.length === 0) return '';
  const streamed = stream.operations.map(
    (op) => `<a href="endpoints/#op-${esc(op.operationId)}"><code>${esc(op.method)} ${esc(op.path)}</code></a>`,
  );
  const declared = new Set(
    model.operations
      .filter((op) => stream.operations.some((s) => s.operationId === op.operationId))
      .flatMap((op) => op.errors.flatMap((e) => e.codes)),
  );
  const rows = [
    [
      'How it arrives',
      'the code’s HTTP status, the envelope as the body: exactly as without streaming',
      'HTTP 200 is already sent: an <code>error</code> event whose <code>data</code> is the envelope, ' +
        'then the stream ends',
    ],
    [
      'Which codes',
      `any of the ${declared.size} codes the operation declares`,
      `only the <a href="#stream-codes">${stream.codes.length} codes below</a>`,
    ],
    [
      '<code>status</code>',
      'the response’s status',
      'the status the same error has before the first byte (the response’s is 200)',
    ],
    [
      'Retries',
      'the client retries by the code’s retry policy',
      'never automatic: the caller has seen part of the output; ' +
        '<em>retry safe</em> says whether sending it again can help',
    ],
    [
      '<code>request_id</code>',
      'in the body and <code>X-Request-Id</code>',
      'in <code>data</code> and the 200’s <code>X-Request-Id</code>',
    ],
    ['Output so far', 'none', '<code>details.tokens_delivered</code> token events'],
  ];
  const events = stream.events.map(
    (event) =>
      `<h3 id="stream-event-${esc(event.name)}"><code>${esc(event.name)}</code> event ` +
      `<span class="muted">${esc(event.schemaName)}</span></h3>
${event.description ? `<p>${inlineMarkdown(event.description)}</p>` : ''}${fieldsTable(model, event.schema)}
${event.example ? `<pre class="sse"><code>${text(sseFrame(event.example).trimEnd())}</code></pre>` : ''}`,
  );
  const codes = stream.codes.map((c) => {
    const entry = model.entries.find((e) => e.code === c.code);
    return row([
      codeLink(c.code),
      entry ? esc(statusLabel(entry.status)) : '',
      retrySafeLabel(c.retrySafe),
      inlineMarkdown(c.note),
    ]);
  });
  const outcomes = rows
    .map(([what, before, after]) => `<tr><th scope="row">${what}</th><td>${before}</td><td>${after}</td></tr>`)
    .join('\n');
  const outcomeHead = head(['An error…', 'Before the first byte', 'After it (mid-stream)']);
  const codesHead = head(['Code', 'Status before the first byte', 'After partial output', 'What a retry means']);
  return (
    `<h2 id="streaming">Streaming errors</h2>
<p>${streamed.join(', ')} can answer <code>${EVENT_STREAM}</code>. ${inlineMarkdown(forReaders(stream.description))}</p>
<div class="scroll"><table><thead>${outcomeHead}</thead><tbody>
${outcomes}
</tbody></table></div>
${events.join('\n')}
<div data-group><h3 id="stream-codes">Codes that can end a stream</h3>
<p>Each one’s section shows an example stream that ends with it and how to handle it with ` +
    `<code>@errata/client</code>.</p>
<div class="scroll"><table><thead>${codesHead}</thead><tbody>
${codes.join('\n')}
</tbody></table></div></div>`
  );
}

/**
 * A spec description without its sentences that send spec authors to the repository's files
 * (`see spec/README.md …`): the page itself explains what they point at.
 *
 * @example
 * forReaders('A stream. An error event carries the envelope; see spec/README.md for more.'); // 'A stream.'
 */
function forReaders(description: string): string {
  return description
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !/\b[\w-]+\/[\w./-]+\.(?:md|ya?ml)\b/.test(sentence))
    .join(' ')
    .trim();
}

/**
 * An event's fields as a table; an `error` event's `data` (a `oneOf` of envelopes) points at the
 * list of codes instead of expanding each.
 */
function fieldsTable(model: DocsModel, schema: JsonSchema): string {
  const rows = schemaFields(model.spec, schema).map((field) => {
    const type = field.oneOf
      ? `the error envelope of one of the <a href="#stream-codes">${field.oneOf.length} codes below</a>`
      : `<code>${esc(field.type)}</code>`;
    return row([
      `<code>${esc(field.path)}</code>`,
      type,
      field.required ? 'yes' : '',
      inlineMarkdown(field.description),
    ]);
  });
  const fields = head(['Field', 'Type', 'Required', 'Description']);
  return `<table class="fields"><thead>${fields}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * A mid-stream code's streamed part, for its own section: an example stream that ends with it and
 * the client snippet that handles it. Empty for codes that cannot occur mid-stream.
 *
 * @example
 * codeStreamPart(model, entryOf('OVERLOADED')); // '<h4>Example stream</h4><pre class="sse">…'
 */
export function codeStreamPart(model: DocsModel, entry: CodeEntry): string {
  const midStream = model.stream.codes.find((c) => c.code === entry.code);
  if (!midStream) return '';
  const wire = exampleStream(model.spec, model.stream, entry).map(sseFrame).join('').trimEnd();
  const snippet = streamSnippet(model.spec, model.stream, midStream);
  return `<h4>A stream ending in it</h4><pre class="sse"><code>${text(wire)}</code></pre>
<h4>Streaming with @errata/client</h4><pre><code>${text(snippet)}</code></pre>`;
}
