import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map.js';

describe('BoundedMap', () => {
  it.each([
    {
      name: 'evicts the oldest past the cap',
      given: { max: 3, ttl: 1_000, inserts: 10, advance: 0 },
      want: { size: 3, first: undefined, last: 9 },
    },
    {
      name: 'forgets entries past their TTL',
      given: { max: 100, ttl: 1_000, inserts: 5, advance: 1_001 },
      want: { size: 1, first: undefined, last: undefined },
    },
  ])('$name', ({ given, want }) => {
    let now = 0;
    const map = new BoundedMap<number, number>(given.max, given.ttl, () => now);
    for (let i = 0; i < given.inserts; i++) map.set(i, i);
    now += given.advance;
    expect([map.get(0), map.get(given.inserts - 1)]).toEqual([want.first, want.last]);
    // Any write prunes: what is left is the cap, or only the new entry once the rest expired.
    map.set(-1, -1);
    expect(map.size).toBe(want.size);
  });
});
