/** Time as the provider sandbox sees it; tests pass one they drive. */
export interface Clock {
  now(): number;
  /** Calls `run` after `ms`; the returned function cancels it. */
  setTimeout(run: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
