// What every operation handler receives, and helpers they share.
import type { SpecOperation } from '@errata/spec-model';
import type { Context } from 'hono';
import type { SandboxEnv } from '../internal/env.js';
import type { Snapshot } from '../internal/idempotency.js';
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

/**
 * Answers with `execute`'s response, once per Idempotency-Key: without the header it just runs;
 * with it, a repeat of the same `request` gets the first response (and `Idempotent-Replayed:
 * true`), even while the first is still running, and another request under the key answers
 * IDEMPOTENCY_CONFLICT (thrown, so it goes through the one error function). `request` names the
 * operation and everything that makes two requests the same.
 */
export async function idempotent(
  { c, state, account }: HandlerContext,
  request: string,
  execute: () => Promise<Snapshot>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) {
    const { status, body } = await execute();
    return c.json(body, status as 200);
  }
  const { snapshot, replayed } = await state.idempotency.run(account.id, key, request, execute);
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(snapshot.body, snapshot.status as 200);
}

/** The origin clients reached us at, for the URLs in queue responses. */
export function origin(c: Context<SandboxEnv>): string {
  return new URL(c.req.url).origin;
}
