/**
 * @errata/sandbox — a real server implementing the Errata spec, producing any catalog error on demand.
 *
 * @example
 * import { startSandbox } from '@errata/sandbox';
 * const sandbox = await startSandbox({ port: 0 });
 * console.log(sandbox.url);
 */

export { createApp } from './app.js';
export type { SandboxOptions } from './config.js';
export { defaultOptions, optionsFrom } from './config.js';
export { type Clock, systemClock } from './internal/clock.js';
// What it is seeded with.
export { demoApiKey, keyFor, modelFor, promptViolationMarker, seededAccounts, seededModels } from './seed.js';
export type { RunningSandbox } from './server.js';
// Running it.
export { startSandbox } from './server.js';
