// The suite's stream checks against a node:http streaming fixture: a conforming stream passes,
// and each deliberate breakage fails exactly the stream row it should, with a diff that says why.
import { catalog, errorCodes } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { type ConformanceReport, formatReport, parseEventStream, runConformance } from '../src/index.js';
import { type StreamTamper, startStreamFixture } from './fixtures/stream-server.js';

const midStream = errorCodes.filter((code) => catalog[code].midStream !== null);
const only = { apiKey: 'good-key', operations: ['runModel'], codes: midStream, triggers: false, fuzz: false };
const streams = (report: ConformanceReport) => report.results.filter((r) => r.section === 'streams');
const rows = (report: ConformanceReport) => streams(report).map((s) => `${s.code ?? 'done'} ${s.outcome}`);

describe('stream probes against a conforming fixture', () => {
  it('pass: one plain stream ending in done, one streamed row per mid-stream code', async () => {
    const fixture = await startStreamFixture();
    try {
      const report = await runConformance({ baseUrl: fixture.url, ...only });
      expect(report.ok, formatReport(report)).toBe(true);
      expect(rows(report).sort()).toEqual(['done passed', ...midStream.map((code) => `${code} passed`)].sort());
      expect(formatReport(report)).toMatch(/sim {2}runModel OVERLOADED \(streamed\)/);
      expect(report.coverage.find((r) => r.stream && !r.code)).toMatchObject({ proof: 'real', outcome: 'passed' });
    } finally {
      await fixture.close();
    }
  });
});

const withoutDone: StreamTamper = (events) => events.filter((e) => e.event !== 'done');
const cases: { name: string; given: StreamTamper; want: { ending: string; diff: RegExp } }[] = [
  {
    name: 'an error event whose data lacks request_id',
    given: (events) =>
      events.map((e) =>
        e.event === 'error' && e.data.code === 'OVERLOADED' ? { ...e, data: { ...e.data, request_id: undefined } } : e,
      ),
    want: { ending: 'OVERLOADED', diff: /event 2 \(error\)\/data: must have required property 'request_id'/ },
  },
  {
    name: 'a stream without its done event',
    given: withoutDone,
    want: { ending: 'done', diff: /stream: ended without a done or error event \(after 4 token events\)/ },
  },
  {
    name: 'an event whose data is not JSON',
    given: (events, request) =>
      request.headers['errata-simulate'] ? events : ['event: token\ndata: {"index":0,"text":\n\n', ...events.slice(1)],
    want: { ending: 'done', diff: /event 0 \(token\): data is not JSON/ },
  },
  {
    name: 'a wrong tokens_delivered',
    given: (events) =>
      events.map((e) =>
        e.event === 'error' && e.data.code === 'TIMEOUT'
          ? { ...e, data: { ...e.data, details: { tokens_delivered: 5 } } }
          : e,
      ),
    want: { ending: 'TIMEOUT', diff: /tokens_delivered: expected 2 \(the token events before it\), got 5/ },
  },
  {
    name: 'an event after done',
    given: (events, request) => (request.headers['errata-simulate'] ? events : [...events, events[0]!]),
    want: { ending: 'done', diff: /event 5 \(token\): after the final done event/ },
  },
  {
    name: 'token indexes out of order',
    given: (events, request) =>
      request.headers['errata-simulate'] ? events : [events[1]!, events[0]!, ...events.slice(2)],
    want: { ending: 'done', diff: /event 0 \(token\)\/data\/index: expected 0, got 1/ },
  },
];

describe('stream probes against a broken fixture', () => {
  it.each(cases)('fail on $name', async ({ given, want }) => {
    const fixture = await startStreamFixture(given);
    try {
      const report = await runConformance({ baseUrl: fixture.url, ...only });
      expect(report.ok).toBe(false);
      const failed = streams(report).filter((s) => s.outcome === 'failed');
      expect(failed.map((s) => s.code ?? 'done')).toEqual([want.ending]);
      expect(failed[0]!.diff.join('\n')).toMatch(want.diff);
      expect(report.results.filter((p) => p.outcome === 'failed' && p.section !== 'streams')).toEqual([]);
      expect(formatReport(report)).toMatch(
        want.ending === 'done' ? /FAIL runModel stream / : new RegExp(`FAIL runModel ${want.ending} \\(streamed\\)`),
      );
    } finally {
      await fixture.close();
    }
  });
});

describe('parseEventStream', () => {
  it.each([
    {
      name: 'two events',
      given: 'event: token\ndata: {"a":1}\n\nevent: done\ndata: {}\n\n',
      want: {
        events: [
          { event: 'token', data: '{"a":1}' },
          { event: 'done', data: '{}' },
        ],
        trailing: false,
      },
    },
    {
      name: 'CRLF line ends and a comment',
      given: ': hi\r\nevent: done\r\ndata: {}\r\n\r\n',
      want: { events: [{ event: 'done', data: '{}' }], trailing: false },
    },
    {
      name: 'a body cut mid-event',
      given: 'event: token\ndata: {"a":1}\n\nevent: token\ndata: {"a"',
      want: { events: [{ event: 'token', data: '{"a":1}' }], trailing: true },
    },
  ])('$name', ({ given, want }) => {
    expect(parseEventStream(given)).toEqual(want);
  });
});
