import { catalog, errorCodes } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildModel, loadSpec } from './docs-model.js';
import { schemaFields, typeOf } from './schema-fields.js';
import { EVENT_STREAM, exampleStream, parseSse, sseFrame, streamModel } from './stream-events.js';

const spec = loadSpec();
const model = buildModel(spec);
const entryOf = (code: string) => {
  const entry = model.entries.find((e) => e.code === code);
  if (!entry) throw new Error(`no code ${code}`);
  return entry;
};

/** An operation object as the spec writes it: what these tests read of it. */
interface RawOperation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, unknown> } | undefined>;
}
const rawOperations = (item: Record<string, unknown>): RawOperation[] =>
  Object.values(item).filter((op): op is RawOperation => typeof op === 'object' && op !== null && 'responses' in op);

// The spec is JSON Schema 2020-12 under its components; each event is checked against StreamEvent.
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...spec, $id: 'https://errata.test/openapi.json' });
const validateEvent = ajv.getSchema('https://errata.test/openapi.json#/components/schemas/StreamEvent');
if (!validateEvent) throw new Error('The spec has no StreamEvent schema');

describe('the stream model', () => {
  it('finds the operations whose 2xx answers text/event-stream', () => {
    const streamed = Object.values(spec.paths ?? {}).flatMap((item) =>
      rawOperations(item)
        .filter((op) => op.responses?.['200']?.content?.[EVENT_STREAM])
        .map((op) => op.operationId),
    );

    expect(model.stream.operations.map((op) => op.operationId)).toEqual(streamed);
    expect(streamed.length).toBeGreaterThan(0);
  });

  it('lists token, done and error events, each with its schema and example', () => {
    expect(model.stream.events.map((e) => [e.name, e.schemaName])).toEqual([
      ['token', 'TokenEvent'],
      ['done', 'DoneEvent'],
      ['error', 'ErrorEvent'],
    ]);
    for (const event of model.stream.events) expect(validateEvent(event.example)).toBe(true);
    // The validator is not vacuous: a code that cannot occur mid-stream is not a valid error event.
    const notMidStream = entryOf('MODEL_NOT_FOUND').example;
    expect(validateEvent({ event: 'error', data: notMidStream })).toBe(false);
    expect(validateEvent({ event: 'token', data: { index: -1, text: 'x' } })).toBe(false);
  });

  it('takes the mid-stream codes from the error event, which are exactly the catalog’s midStream codes', () => {
    const withMidStream = errorCodes.filter((code) => catalog[code].midStream !== null);

    expect([...model.stream.codes.map((c) => c.code)].sort()).toEqual([...withMidStream].sort());
    for (const { code, retrySafe, note } of model.stream.codes) {
      expect(retrySafe).toBe(catalog[code].midStream?.retrySafe);
      expect(note).toBe((errorTexts[code] as { midStreamNote?: string }).midStreamNote);
      expect(note.length).toBeGreaterThan(0);
    }
  });

  it('is empty for a spec without a streamed response', () => {
    const copy = structuredClone(spec);
    for (const item of Object.values(copy.paths ?? {})) {
      for (const op of rawOperations(item)) delete op.responses?.['200']?.content?.[EVENT_STREAM];
    }

    expect(streamModel(copy)).toMatchObject({ operations: [], events: [], codes: [] });
  });
});

describe('example streams', () => {
  it.each(model.stream.codes.map((c) => ({ name: c.code, entry: entryOf(c.code) })))(
    '$name: tokens, then its own example as a valid error event with tokens_delivered',
    ({ entry }) => {
      const events = exampleStream(spec, model.stream, entry);
      const tokens = events.slice(0, -1);
      const last = events.at(-1);

      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.map((e) => e.event)).toEqual(tokens.map(() => 'token'));
      expect(tokens.map((e) => e.data)).toEqual(tokens.map((_, i) => expect.objectContaining({ index: i })));
      expect(last?.event).toBe('error');
      expect(last?.data).toMatchObject({ ...entry.example, details: { tokens_delivered: tokens.length } });
      for (const event of events) expect(validateEvent(event), JSON.stringify(ajv.errors)).toBe(true);
      // What goes over the wire reads back as the same events.
      expect(parseSse(events.map(sseFrame).join(''))).toEqual(events);
    },
  );
});

describe('parseSse', () => {
  it.each([
    {
      name: 'one frame',
      given: 'event: token\ndata: {"index":0,"text":"Say"}\n\n',
      want: [{ event: 'token', data: { index: 0, text: 'Say' } }],
    },
    {
      name: 'a last frame without its blank line',
      given: 'event: done\ndata: {}',
      want: [{ event: 'done', data: {} }],
    },
    { name: 'CRLF line ends', given: 'event: token\r\ndata: 1\r\n\r\n', want: [{ event: 'token', data: 1 }] },
    { name: 'a frame with no event field', given: 'data: 2\n\n', want: [{ event: '', data: 2 }] },
    {
      name: 'comments and extra blank lines between frames',
      given: ': keep-alive\n\nevent: error\ndata: {"code":"OVERLOADED"}\n\n\n',
      want: [{ event: 'error', data: { code: 'OVERLOADED' } }],
    },
  ])('reads $name', ({ given, want }) => {
    expect(parseSse(given)).toEqual(want);
  });
});

describe('schema fields', () => {
  it.each([
    { name: 'a const', given: { const: 'token' }, want: '"token"' },
    { name: 'an enum', given: { type: 'string', enum: ['stop', 'length'] }, want: '"stop" | "length"' },
    { name: 'bounds', given: { type: 'integer', minimum: 0, maximum: 9 }, want: 'integer ≥ 0 ≤ 9' },
    { name: 'a union of types', given: { type: ['string', 'null'] }, want: 'string | null' },
    { name: 'no type', given: {}, want: 'any' },
  ])('types $name', ({ given, want }) => {
    expect(typeOf(given)).toBe(want);
  });

  it('flattens an event into dotted fields, keeping a oneOf as one row', () => {
    const token = model.stream.events.find((e) => e.name === 'token')?.schema;
    const error = model.stream.events.find((e) => e.name === 'error')?.schema;

    expect(schemaFields(spec, token).map((f) => [f.path, f.type, f.required])).toEqual([
      ['event', '"token"', true],
      ['data', 'object', true],
      ['data.index', 'integer ≥ 0', true],
      ['data.text', 'string', true],
    ]);
    const data = schemaFields(spec, error).find((f) => f.path === 'data');
    expect(data?.oneOf).toHaveLength(model.stream.codes.length);
  });
});
