/** Loads `deferred.ts`, the one lazy seam (see there): once, and the same promise for every caller. */
type Deferred = typeof import('./deferred.js');

let deferred: Promise<Deferred> | undefined;
let loaded: Deferred | undefined;

export function loadDeferred(): Promise<Deferred> {
  if (!deferred) {
    deferred = import('./deferred.js');
    // A failed load is the caller's to see, through `deferred`: this branch only records success.
    deferred.then(
      (module) => {
        loaded = module;
      },
      () => {},
    );
  }
  return deferred;
}

/** The module once it has loaded: a failed attempt after the first reads it without waiting a turn. */
export const deferredModule = (): Deferred | undefined => loaded;
