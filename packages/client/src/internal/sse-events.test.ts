import { describe, expect, it } from 'vitest';
import { type SseEvent, sseEvents } from './sse-events.js';

// What the stream reader gets from eventsource-parser with its line ends made LF. Each case is fed
// in every possible two-chunk split too: a line end, a CRLF or a field may be cut anywhere by the network.
const cases: { name: string; given: string; want: SseEvent[] }[] = [
  {
    name: 'one event',
    given: 'event: token\ndata: {"text":"a"}\n\n',
    want: [{ event: 'token', data: '{"text":"a"}' }],
  },
  { name: 'CRLF line ends', given: 'event: token\r\ndata: x\r\n\r\n', want: [{ event: 'token', data: 'x' }] },
  { name: 'CR line ends', given: 'event: token\rdata: x\r\r', want: [{ event: 'token', data: 'x' }] },
  { name: 'multi-line data joins with \\n', given: 'data: a\ndata: b\n\n', want: [{ event: 'message', data: 'a\nb' }] },
  {
    name: 'comments are skipped',
    given: ': keep-alive\n\nevent: done\n: mid-event\ndata: {}\n\n',
    want: [{ event: 'done', data: '{}' }],
  },
  { name: 'no space after the colon', given: 'event:token\ndata:x\n\n', want: [{ event: 'token', data: 'x' }] },
  { name: 'only one leading space is dropped', given: 'data:  x\n\n', want: [{ event: 'message', data: ' x' }] },
  { name: 'a field without a colon has an empty value', given: 'data\n\n', want: [{ event: 'message', data: '' }] },
  { name: 'an event without data is not dispatched', given: 'event: ping\n\n', want: [] },
  {
    name: 'id and retry are read past',
    given: 'id: 7\nretry: 100\nevent: token\ndata: x\n\n',
    want: [{ event: 'token', data: 'x' }],
  },
  { name: 'an unfinished event is not dispatched', given: 'event: token\ndata: x\n', want: [] },
  {
    name: 'the event name resets between events',
    given: 'event: token\ndata: a\n\ndata: b\n\n',
    want: [
      { event: 'token', data: 'a' },
      { event: 'message', data: 'b' },
    ],
  },
];

describe('sseEvents', () => {
  it.each(cases)('$name', ({ given, want }) => {
    expect(sseEvents()(given)).toEqual(want);
    for (let cut = 1; cut < given.length; cut++) {
      const parse = sseEvents();
      expect([...parse(given.slice(0, cut)), ...parse(given.slice(cut))], `cut at ${cut}`).toEqual(want);
    }
  });

  it('reads one character at a time', () => {
    const parse = sseEvents();
    const text = 'event: token\r\ndata: {"index":0}\r\n\r\nevent: done\ndata: {}\n\n';
    expect([...text].flatMap((c) => parse(c))).toEqual([
      { event: 'token', data: '{"index":0}' },
      { event: 'done', data: '{}' },
    ]);
  });
});
