/** Loads `deferred.ts`, the one lazy seam (see there): once, and the same promise for every caller. */
let deferred: Promise<typeof import('./deferred.js')> | undefined;

export const loadDeferred = (): Promise<typeof import('./deferred.js')> => (deferred ??= import('./deferred.js'));
