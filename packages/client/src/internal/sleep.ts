/**
 * A wait that an AbortSignal ends at once: resolves `true` after `ms`, or `false` as soon as the
 * signal fires (never rejects, so an abort during a backoff leaves no unhandled rejection).
 */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
