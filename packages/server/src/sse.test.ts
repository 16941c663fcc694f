import { describe, expect, it } from 'vitest';
import { errataServer, type SseEvent, sseFrame } from './index.js';

const cases: { name: string; given: SseEvent; want: string }[] = [
  {
    name: 'JSON data with an event name',
    given: { event: 'token', data: { index: 0, text: 'hi' } },
    want: 'event: token\ndata: {"index":0,"text":"hi"}\n\n',
  },
  { name: 'a string as is', given: { data: 'plain' }, want: 'data: plain\n\n' },
  {
    name: 'each line of multi-line data is its own data line',
    given: { event: 'note', data: 'a\nb\r\nc' },
    want: 'event: note\ndata: a\ndata: b\ndata: c\n\n',
  },
  {
    name: 'an event name cannot inject a field',
    given: { event: 'x\ndata: evil', data: '1', id: '7' },
    want: 'event: xdata: evil\nid: 7\ndata: 1\n\n',
  },
];

describe('sseFrame', () => {
  it.each(cases)('$name', ({ given, want }) => expect(sseFrame(given)).toBe(want));
});

describe('server.sseError', () => {
  it('is an error event whose data is the envelope of the code', () => {
    const server = errataServer();
    const frame = server.sseError(
      'OVERLOADED',
      { retryAfter: 3, details: { tokens_delivered: 2 } },
      'req_0123456789abcdef',
    );
    const [event, data] = frame.trimEnd().split('\n');
    expect(event).toBe('event: error');
    expect(JSON.parse(data!.slice('data: '.length))).toEqual(
      server.envelope('OVERLOADED', { retryAfter: 3, details: { tokens_delivered: 2 } }, 'req_0123456789abcdef'),
    );
    expect(JSON.parse(data!.slice('data: '.length))).toMatchObject({
      code: 'OVERLOADED',
      retry_after: 3,
      request_id: 'req_0123456789abcdef',
      details: { tokens_delivered: 2 },
    });
  });
});
