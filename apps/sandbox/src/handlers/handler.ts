// What every operation handler receives, and helpers they share.
import type { SpecOperation } from '@errata/spec-model';
import type { Context } from 'hono';
import type { SandboxEnv } from '../internal/env.js';
import type { ConcurrencySlot } from '../internal/limits.js';
import type { SandboxState } from '../internal/state.js';
import type { Account } from '../seed.js';

export interface HandlerContext {
  c: Context<SandboxEnv>;
  state: SandboxState;
  account: Account;
  operation: SpecOperation;
  /** The request's concurrency slot: a stream holds it until its last event. */
  slot: ConcurrencySlot;
}

export type Handler = (context: HandlerContext) => Promise<Response>;

/** The origin clients reached us at, for the URLs in queue responses. */
export function origin(c: Context<SandboxEnv>): string {
  return new URL(c.req.url).origin;
}
