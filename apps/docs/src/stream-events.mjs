/**
 * What the docs say about streamed runs, read from the bundled spec: which operations stream, the
 * schema of each event (`components/schemas/StreamEvent` and the events it lists), the codes an
 * `error` event can carry (its `data.oneOf`), and example streams built from the spec's examples.
 */
import { createSpecModel } from '@errata/spec-model';
import { catalog, isErrorCode } from '@errata/types';
import { errorTexts } from '@errata/types/texts';

export { EVENT_STREAM } from '@errata/spec-model';

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
        frame
          .split('\n')
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
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
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @returns {import('./model.js').StreamModel}
 */
export function streamModel(spec) {
  const model = createSpecModel(spec);
  const streams = [...model.streamEvents.values()];
  const operations = streams.flatMap((stream) => model.operation(stream.operationId) ?? []);
  // Every streamed operation sends the same events (lint keeps one StreamEvent); the first one's are shown.
  const [first] = streams;
  if (!first) return { operations, rootName: '', description: '', events: [], codes: [] };
  const rootSchema = /** @type {any} */ (model.resolve(model.lookup(first.pointer)));
  const events = [...first.events].map(([name, pointer]) => {
    const schema = /** @type {any} */ (model.resolve(model.lookup(pointer)));
    return {
      name,
      schemaName: componentName(pointer),
      title: schema.title ?? '',
      description: schema.description ?? '',
      schema,
      example: schema.examples?.[0],
    };
  });
  const codes = first.errorCodes.map((code) => {
    const midStream = isErrorCode(code) ? catalog[code].midStream : null;
    // Lint keeps the two in step; the docs would print a wrong retry advice if they were not.
    if (!isErrorCode(code) || !midStream)
      throw new Error(`${code} of the error event has no x-error.mid_stream in the catalog`);
    const texts = errorTexts[code];
    return { code, retrySafe: midStream.retrySafe, note: 'midStreamNote' in texts ? texts.midStreamNote : '' };
  });
  return {
    operations,
    rootName: componentName(first.pointer),
    description: rootSchema.description ?? '',
    events,
    codes,
  };
}

/**
 * A component's name from its pointer (`#/components/schemas/TokenEvent` → `TokenEvent`); '' for an inline schema.
 *
 * @param {string} pointer
 * @returns {string}
 */
function componentName(pointer) {
  return /^#\/components\/schemas\/[^/]+$/.test(pointer) ? (pointer.split('/').at(-1) ?? '') : '';
}

/**
 * An example stream that fails mid-way with `code`: token events of the spec's example output
 * (the `RunResult` example, one word a token, as many as the error event's example delivered),
 * then the code's own example body as the error event's data, with `details.tokens_delivered`.
 *
 * @example
 * exampleStream(spec, stream, entry); // [{ event: 'token', … }, …, { event: 'error', data: { code: 'OVERLOADED', … } }]
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {import('./model.js').StreamModel} stream
 * @param {{ code: string, example: Record<string, unknown> }} entry
 * @returns {{ event: string, data: any }[]}
 */
export function exampleStream(spec, stream, entry) {
  const errorExample = stream.events.find((e) => e.name === 'error')?.example;
  const delivered = Number(errorExample?.data?.details?.tokens_delivered ?? 3);
  const runResult = /** @type {any} */ (createSpecModel(spec).lookup('#/components/schemas/RunResult'));
  const output = String(runResult?.examples?.[0]?.output?.text ?? 'Say hello to Errata.');
  const words = output.match(/\s*\S+/g) ?? [];
  const tokens = words.slice(0, Math.min(delivered, Math.max(words.length - 1, 0)));
  const details = /** @type {Record<string, unknown>} */ (entry.example.details ?? {});
  return [
    ...tokens.map((text, index) => ({ event: 'token', data: { index, text } })),
    { event: 'error', data: { ...entry.example, details: { ...details, tokens_delivered: tokens.length } } },
  ];
}
