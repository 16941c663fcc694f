// The in-memory store alone: capped whatever clients send, keys forgotten after their time to live.
import { describe, expect, it } from 'vitest';
import { manualTimers } from '../../test-support/manual-timers.js';
import { memoryIdempotencyStore } from './memory-store.js';

const response = { status: 201, headers: { 'Content-Type': 'application/json' }, body: '{}' };

describe('memoryIdempotencyStore', () => {
  it('keeps at most `max` keys under many', async () => {
    const store = memoryIdempotencyStore({ max: 100 });
    for (let i = 0; i < 5_000; i++) {
      await store.claim(`k${i}`, 'f');
      await store.complete(`k${i}`, response);
    }
    expect(store.size).toBe(100);
  });

  it.each([
    { name: 'within its time to live', given: 59_000, want: 'stored' },
    { name: 'past it', given: 61_000, want: 'claimed' },
  ])('replays a stored response $name', async ({ given, want }) => {
    const timers = manualTimers();
    const store = memoryIdempotencyStore({ ttlMs: 60_000, timers });
    await store.claim('k', 'f');
    await store.complete('k', response);
    timers.advance(given);
    expect((await store.claim('k', 'f')).state).toBe(want);
  });
});
