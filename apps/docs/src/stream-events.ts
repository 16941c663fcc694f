/**
 * What the docs say about streamed runs, read from the bundled spec: which operations stream, the
 * schema of each event (`components/schemas/StreamEvent` and the events it lists), the codes an
 * `error` event can carry (its `data.oneOf`), and example streams built from the spec's examples.
 */
import { createSpecModel, isObject, type OpenApiDocument, type SpecOperation } from '@errata/spec-model';
import { catalog, type ErrorCode, isErrorCode } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { createParser } from 'eventsource-parser';
import type { JsonSchema } from './schema-fields.js';

export { EVENT_STREAM } from '@errata/spec-model';

/** One event of a stream: its name and its data, parsed. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** An event schema's example, as the spec states it. */
interface EventExample {
  event: string;
  data: { details?: { tokens_delivered?: number } } & Record<string, unknown>;
}

/** One kind of event of a streamed response. */
interface StreamEventSchema {
  /** The `event` const: `token`, `done`, `error`. */
  name: string;
  /** The component's name: `TokenEvent`. */
  schemaName: string;
  title: string;
  description: string;
  schema: JsonSchema;
  /** The schema's first example. */
  example: EventExample | undefined;
}

/** A code an `error` event can carry, and what a retry means after partial output. */
interface MidStreamCode {
  code: ErrorCode;
  retrySafe: boolean;
  note: string;
}

/** The streamed side of the API, read from the spec model's `streamEvents`. */
export interface StreamModel {
  /** Operations whose 2xx response has `text/event-stream` content. */
  operations: SpecOperation[];
  /** The name of the one-event schema (`StreamEvent`) and its description. */
  rootName: string;
  description: string;
  events: StreamEventSchema[];
  /** The error event's codes, in its order. */
  codes: MidStreamCode[];
}

/** An event's schema, with its examples. */
interface EventSchema extends JsonSchema {
  examples?: EventExample[];
}

/** The part of the `RunResult` schema the example streams are made of. */
interface RunResultSchema {
  examples?: { output?: { text?: string } }[];
}

/**
 * One event as it goes over the wire: `event: <name>`, `data: <JSON>`, a blank line.
 *
 * @example
 * sseFrame({ event: 'token', data: { index: 0, text: 'Say' } }); // 'event: token\ndata: {"index":0,"text":"Say"}\n\n'
 */
export function sseFrame({ event, data }: SseEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Parses a stream of frames back into events (the inverse of {@link sseFrame}), with
 * eventsource-parser (the WHATWG rules, as the client and the conformance suite read streams);
 * each event's data is parsed as JSON, and an event with no `event:` field is named `''`.
 *
 * @example
 * parseSse('event: token\ndata: {"index":0,"text":"Say"}\n\n');
 * // [{ event: 'token', data: { index: 0, text: 'Say' } }]
 */
export function parseSse(wire: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => events.push({ event: event ?? '', data: JSON.parse(data) }),
  });
  // A last frame without its blank line is still a frame: end the wire with one.
  parser.feed(`${wire}\n\n`);
  return events;
}

/**
 * The streamed side of the API: the operations whose 2xx answers `text/event-stream`, the event
 * schemas (in `StreamEvent.oneOf` order) and the codes an error event can carry.
 *
 * @example
 * const stream = streamModel(spec);
 * stream.codes.map((c) => c.code); // ['OVERLOADED', 'TIMEOUT', …]
 */
export function streamModel(spec: OpenApiDocument): StreamModel {
  const model = createSpecModel(spec);
  const streams = [...model.streamEvents.values()];
  const operations = streams.flatMap((stream) => model.operation(stream.operationId) ?? []);
  // Every streamed operation sends the same events (lint keeps one StreamEvent); the first one's are shown.
  const [first] = streams;
  if (!first) return { operations, rootName: '', description: '', events: [], codes: [] };
  const rootSchema = model.resolve<JsonSchema>(model.lookup(first.pointer));
  const events = [...first.events].map(([name, pointer]): StreamEventSchema => {
    const schema = model.resolve<EventSchema>(model.lookup(pointer));
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
 */
function componentName(pointer: string): string {
  return /^#\/components\/schemas\/[^/]+$/.test(pointer) ? (pointer.split('/').at(-1) ?? '') : '';
}

/**
 * An example stream that fails mid-way with `code`: token events of the spec's example output
 * (the `RunResult` example, one word a token, as many as the error event's example delivered),
 * then the code's own example body as the error event's data, with `details.tokens_delivered`.
 *
 * @example
 * exampleStream(spec, stream, entry);
 * // [{ event: 'token', … }, …, { event: 'error', data: { code: 'OVERLOADED', … } }]
 */
export function exampleStream(
  spec: OpenApiDocument,
  stream: StreamModel,
  entry: { code: string; example: Record<string, unknown> },
): SseEvent[] {
  const errorExample = stream.events.find((e) => e.name === 'error')?.example;
  const delivered = Number(errorExample?.data?.details?.tokens_delivered ?? 3);
  const model = createSpecModel(spec);
  const runResult = model.resolve<RunResultSchema | undefined>(model.lookup('#/components/schemas/RunResult'));
  const output = String(runResult?.examples?.[0]?.output?.text ?? 'Say hello to Errata.');
  const words = output.match(/\s*\S+/g) ?? [];
  const tokens = words.slice(0, Math.min(delivered, Math.max(words.length - 1, 0)));
  const details = entry.example.details;
  return [
    ...tokens.map((text, index) => ({ event: 'token', data: { index, text } })),
    {
      event: 'error',
      data: { ...entry.example, details: { ...(isObject(details) ? details : {}), tokens_delivered: tokens.length } },
    },
  ];
}
