/**
 * What the docs say about streamed runs, read from the bundled spec: which operations stream, the
 * schema of each event (`components/schemas/StreamEvent` and the events it lists), the codes an
 * `error` event can carry (its `data.oneOf`), and example streams built from the spec's examples.
 */
import { catalog } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { codeOf } from './operation-errors.mjs';
import { deref } from './spec-refs.mjs';

/** The media type of a streamed response. */
export const EVENT_STREAM = 'text/event-stream';

/**
 * One event as it goes over the wire: `event: <name>`, `data: <JSON>`, a blank line.
 *
 * @example
 * sseFrame({ event: 'token', data: { index: 0, text: 'Say' } }); // 'event: token\ndata: {"index":0,"text":"Say"}\n\n'
 * @param {{ event: string, data: unknown }} event
 * @returns {string}
 */
export function sseFrame({ event, data }) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Parses a stream of frames back into events (the inverse of {@link sseFrame}, for the events
 * this API sends: one `event:` and one `data:` line each).
 *
 * @example
 * parseSse('event: token\ndata: {"index":0,"text":"Say"}\n\n'); // [{ event: 'token', data: { index: 0, text: 'Say' } }]
 * @param {string} wire
 * @returns {{ event: string, data: any }[]}
 */
export function parseSse(wire) {
  return wire
    .split(/\n\n/)
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const field = (/** @type {string} */ name) =>
        frame.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      return { event: field('event') ?? '', data: JSON.parse(field('data') ?? 'null') };
    });
}

/**
 * The streamed side of the API: the operations whose 2xx answers `text/event-stream`, the event
 * schemas (in `StreamEvent.oneOf` order) and the codes an error event can carry.
 *
 * @example
 * const stream = streamModel(spec);
 * stream.codes.map((c) => c.code); // ['OVERLOADED', 'TIMEOUT', …]
 * @param {import('./model.js').OpenApiDocument} spec
 * @returns {import('./model.js').StreamModel}
 */
export function streamModel(spec) {
  /** @type {import('./model.js').StreamModel['operations']} */
  const operations = [];
  /** @type {any} */
  let root;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(deref(spec, item) ?? {})) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const media = /^2\d\d$/.test(status) ? deref(spec, response)?.content?.[EVENT_STREAM] : undefined;
        if (!media) continue;
        operations.push({ operationId: operation.operationId, method: method.toUpperCase(), path });
        root ??= media.schema;
      }
    }
  }
  if (!root) return { operations, rootName: '', description: '', events: [], codes: [] };
  const rootSchema = deref(spec, root);
  const events = (rootSchema.oneOf ?? []).map((/** @type {any} */ ref) => {
    const schema = deref(spec, ref);
    return {
      name: String(schema.properties?.event?.const),
      schemaName: schemaName(ref),
      title: schema.title ?? '',
      description: schema.description ?? '',
      schema,
      example: schema.examples?.[0],
    };
  });
  const errorEvent = events.find((/** @type {{ name: string }} */ e) => e.name === 'error');
  const variants = deref(spec, errorEvent?.schema.properties?.data)?.oneOf ?? [];
  const codes = variants.map((/** @type {unknown} */ variant) => {
    const code = codeOf(spec, variant);
    const midStream = code ? catalog[code].midStream : null;
    // Lint keeps the two in step; the docs would print a wrong retry advice if they were not.
    if (!code || !midStream) throw new Error(`${code ?? 'A variant'} of the error event has no x-error.mid_stream in the catalog`);
    const texts = errorTexts[code];
    return { code, retrySafe: midStream.retrySafe, note: 'midStreamNote' in texts ? texts.midStreamNote : '' };
  });
  return { operations, rootName: schemaName(root), description: rootSchema.description ?? '', events, codes };
}

/**
 * A schema's name from its reference (`#/components/schemas/TokenEvent` → `TokenEvent`).
 *
 * @param {any} ref
 * @returns {string}
 */
function schemaName(ref) {
  return typeof ref?.$ref === 'string' ? ref.$ref.split('/').at(-1) : '';
}

/**
 * An example stream that fails mid-way with `code`: token events of the spec's example output
 * (the `RunResult` example, one word a token, as many as the error event's example delivered),
 * then the code's own example body as the error event's data, with `details.tokens_delivered`.
 *
 * @example
 * exampleStream(spec, stream, entry); // [{ event: 'token', … }, …, { event: 'error', data: { code: 'OVERLOADED', … } }]
 * @param {import('./model.js').OpenApiDocument} spec
 * @param {import('./model.js').StreamModel} stream
 * @param {{ code: string, example: Record<string, unknown> }} entry
 * @returns {{ event: string, data: any }[]}
 */
export function exampleStream(spec, stream, entry) {
  const errorExample = stream.events.find((e) => e.name === 'error')?.example;
  const delivered = Number(errorExample?.data?.details?.tokens_delivered ?? 3);
  const output = String(deref(spec, spec.components.schemas?.RunResult)?.examples?.[0]?.output?.text ?? 'Say hello to Errata.');
  const words = output.match(/\s*\S+/g) ?? [];
  const tokens = words.slice(0, Math.min(delivered, Math.max(words.length - 1, 0)));
  const details = /** @type {Record<string, unknown>} */ (entry.example.details ?? {});
  return [
    ...tokens.map((text, index) => ({ event: 'token', data: { index, text } })),
    { event: 'error', data: { ...entry.example, details: { ...details, tokens_delivered: tokens.length } } },
  ];
}
