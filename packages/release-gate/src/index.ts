// Classification of spec changes.
export { catalogChanges } from './catalog-diff.js';
export { genericChanges } from './generic-diff.js';
export { classifySpecChanges } from './classify.js';
export { isAtLeast, requiredBump } from './impact.js';
export type { Bump, Impact, SpecChange } from './impact.js';

// The gate.
export { formatReport, runGate } from './gate.js';
export type { GateOptions, GateReport } from './gate.js';
export { lastReleaseCommit, pendingRelease } from './pending-changesets.js';
