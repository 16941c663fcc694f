import { describe, expect, it } from 'vitest';
import { createRequestIds } from './request-id.js';

const MINTED = /^req_[0-9a-f]{32}$/;
const cases: { name: string; given: string | undefined | null; want: string | RegExp }[] = [
  { name: 'keeps a valid incoming id', given: 'req_0123456789abcdef', want: 'req_0123456789abcdef' },
  {
    name: 'keeps a proxy’s uuid',
    given: '5f0c6a1e-7d2b-4c8e-9a43-2f1b8d6e0c97',
    want: '5f0c6a1e-7d2b-4c8e-9a43-2f1b8d6e0c97',
  },
  { name: 'mints without one', given: undefined, want: MINTED },
  { name: 'mints for an empty one', given: '', want: MINTED },
  { name: 'mints for one with spaces', given: 'req 0123456789', want: MINTED },
  { name: 'mints for one with a newline', given: 'req_0123456789\r\nX-Evil: 1', want: MINTED },
  { name: 'mints for one too short', given: 'abc', want: MINTED },
  { name: 'mints for one too long', given: 'a'.repeat(129), want: MINTED },
];

describe('createRequestIds', () => {
  const requestId = createRequestIds();
  it.each(cases)('$name', ({ given, want }) => {
    const id = requestId(given);
    if (typeof want === 'string') expect(id).toBe(want);
    else expect(id).toMatch(want);
  });

  it('mints a different id each time, with the prefix asked for, and can refuse every incoming id', () => {
    const own = createRequestIds({ prefix: 'acme_', accept: false });
    const a = own('req_0123456789abcdef');
    expect(a).toMatch(/^acme_[0-9a-f]{32}$/);
    expect(own()).not.toBe(a);
  });

  // Minted ids come from a pool of random bytes refilled every 256 ids: across several refills each
  // id still has the format and none repeats.
  it('mints distinct ids across refills of its random pool', () => {
    const mint = createRequestIds({ accept: false });
    const ids = Array.from({ length: 1000 }, () => mint());
    for (const id of ids) expect(id).toMatch(MINTED);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
