export type { ProviderSandbox, ProviderSandboxOptions } from './app.js';
export { createProviderSandbox } from './app.js';
export type { CorpusCase } from './corpus.js';
export { loadCorpus } from './corpus.js';
export type { FaultPlan, RetryAfterForm } from './faults/fault-plan.js';
export type { Clock } from './internal/clock.js';
export { providerApis } from './providers/index.js';
export type { Attempt, Scenario } from './scenarios.js';
