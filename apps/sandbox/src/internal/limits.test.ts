// The concurrency limiter's slots: taken up to the limit, freed when the request is answered unless
// a stream holds them, and freed once however often the holder lets go.
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './limits.js';

describe('ConcurrencyLimiter', () => {
  it.each([
    { name: 'an answered request', given: (slot: Slot) => slot.settle(), want: 0 },
    {
      name: 'a held slot, not yet let go',
      given: (slot: Slot) => {
        slot.hold();
        slot.settle();
      },
      want: 1,
    },
    {
      name: 'a held slot let go twice',
      given: (slot: Slot) => {
        const release = slot.hold();
        slot.settle();
        release();
        release();
      },
      want: 0,
    },
  ])('counts $want in flight after $name', ({ given, want }) => {
    const limiter = new ConcurrencyLimiter(2);
    const other = limiter.take('acct');
    given(limiter.take('acct'));
    expect(limiter.count('acct')).toBe(want + 1);
    other.settle();
    expect(limiter.count('acct')).toBe(want);
  });

  it('refuses a slot past the limit with CONCURRENT_LIMIT_EXCEEDED, and takes one again once freed', () => {
    const limiter = new ConcurrencyLimiter(1);
    const first = limiter.take('acct');
    expect(() => limiter.take('acct')).toThrow(expect.objectContaining({ code: 'CONCURRENT_LIMIT_EXCEEDED' }));
    first.settle();
    expect(limiter.take('acct')).toBeDefined();
  });
});

type Slot = ReturnType<ConcurrencyLimiter['take']>;
