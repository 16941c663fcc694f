/** Loads `deferred.ts`, the one lazy seam (see there): once, and the same promise for every caller. */
type Deferred = typeof import('./deferred.js');

let deferred: Promise<Deferred> | undefined;
let loaded: Deferred | undefined;

export const loadDeferred = (): Promise<Deferred> =>
  (deferred ??= import('./deferred.js').then((module) => (loaded = module)));

/** The module once it has loaded: a failed attempt after the first reads it without waiting a turn. */
export const deferredModule = (): Deferred | undefined => loaded;
