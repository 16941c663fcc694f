// The clock the sandbox runs on, driven by the tests' manual clock: a wait ends when time reaches
// it, an abort ends it at once and leaves no timer behind, and timers fire in the order they are due.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../test-support/manual-clock.js';
import { sleep } from './clock.js';

describe('sleep on a clock', () => {
  it.each([
    { name: 'ends when time reaches it', given: { ms: 50, advance: 50, abort: false }, want: 'resolved' },
    { name: 'not a millisecond before', given: { ms: 50, advance: 49, abort: false }, want: 'pending' },
    { name: 'an abort ends it at once', given: { ms: 50, advance: 0, abort: true }, want: 'rejected' },
  ])('$name', async ({ given, want }) => {
    const clock = manualClock(0);
    const abort = new AbortController();
    let state = 'pending';
    const done = sleep(clock, given.ms, abort.signal).then(
      () => (state = 'resolved'),
      () => (state = 'rejected'),
    );
    clock.advance(given.advance);
    if (given.abort) abort.abort();
    // A pending wait cannot end without the clock moving, so there is nothing to wait for then.
    if (want !== 'pending') await done;
    expect(state).toBe(want);
    expect(clock.timers).toBe(want === 'pending' ? 1 : 0);
  });

  it('an aborted signal rejects without setting a timer', async () => {
    const clock = manualClock(0);
    await expect(sleep(clock, 10, AbortSignal.abort())).rejects.toBeDefined();
    expect(clock.timers).toBe(0);
  });
});

describe('the manual clock', () => {
  it('fires due timers in order, those they set too, and moves time to each', () => {
    const clock = manualClock(0);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 20);
    clock.setTimeout(() => {
      fired.push(['a', clock.now()]);
      clock.setTimeout(() => fired.push(['a2', clock.now()]), 5);
    }, 10);
    const cancel = clock.setTimeout(() => fired.push(['cancelled', clock.now()]), 15);
    cancel();
    clock.advance(20);
    expect(fired).toEqual([
      ['a', 10],
      ['a2', 15],
      ['b', 20],
    ]);
    expect([clock.now(), clock.timers]).toEqual([20, 0]);
  });

  it('drive fires each timer as it is set until the work is done', async () => {
    const clock = manualClock(0);
    const work = (async () => {
      for (let i = 0; i < 3; i++) await sleep(clock, 100);
      return clock.now();
    })();
    expect(await clock.drive(work)).toBe(300);
  });
});
