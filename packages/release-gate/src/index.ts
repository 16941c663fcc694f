// Classification of spec changes.
export { catalogChanges } from './catalog-diff.js';
export { classifySpecChanges } from './classify.js';
export type { GateOptions, GateReport } from './gate.js';
// The gate.
export { formatReport, runGate } from './gate.js';
export { genericChanges } from './generic-diff.js';
export type { Bump, Impact, SpecChange } from './impact.js';
export { isAtLeast, requiredBump } from './impact.js';
export { lastReleaseCommit, pendingRelease } from './pending-changesets.js';
