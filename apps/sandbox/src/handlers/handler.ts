// What every operation handler receives, and helpers they share.
import type { IncomingMessage } from 'node:http';
import type { SpecOperation } from '@errata/spec-model';
import type { Context } from 'hono';
import { ApiError } from '../internal/api-error.js';
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

function tooLarge(c: Context<SandboxEnv>): ApiError {
  // The rest of the body is left unread: the connection cannot carry another request.
  c.header('Connection', 'close');
  return new ApiError('REQUEST_TOO_LARGE');
}

/**
 * The body as text, REQUEST_TOO_LARGE past `limit` bytes. On Node it reads the IncomingMessage
 * directly: building a web Request just to read a small JSON body costs more than handling the
 * error does (see bench/run.mjs).
 */
export async function readBody(c: Context<SandboxEnv>, limit: number): Promise<string> {
  if (Number(c.req.header('content-length') ?? 0) > limit) throw tooLarge(c);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > limit) throw tooLarge(c);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(c);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Why JSON.parse failed, in words that quote nothing from the body: where it failed when the
 * engine says (a character offset), that the body ends too early, or a generic reason.
 */
function jsonFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `unexpected content at character ${position}`;
  return /end of (JSON )?input/i.test(message) ? 'it ends too early' : 'unexpected content';
}

/** The request body as JSON; INVALID_REQUEST when it is empty or not JSON. */
export async function readJson(c: Context<SandboxEnv>, limit: number): Promise<unknown> {
  const text = await readBody(c, limit);
  if (text.trim() === '') throw new ApiError('INVALID_REQUEST', { params: { reason: 'the body is empty; send a JSON object' } });
  try {
    return JSON.parse(text);
  } catch (error) {
    // Never JSON.parse's message itself: on Node 20 it quotes part of the body, which may hold a secret.
    throw new ApiError('INVALID_REQUEST', { params: { reason: `the body is not valid JSON (${jsonFailure(error)})` } });
  }
}

/**
 * Answers with `execute`'s response, once per Idempotency-Key: without the header it just runs;
 * with it, a repeat of the same `request` gets the first response (and `Idempotent-Replayed:
 * true`), even while the first is still running, and another request under the key answers
 * IDEMPOTENCY_CONFLICT (thrown, so it goes through the one error function). `request` names the
 * operation and everything that makes two requests the same.
 */
export async function idempotent({ c, state, account }: HandlerContext, request: string, execute: () => Promise<Snapshot>): Promise<Response> {
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
