// Test helpers: a sandbox on 127.0.0.1:0 and a small request function over real HTTP.
import { afterAll, beforeAll } from 'vitest';
import type { SandboxOptions } from '../config.js';
import { type RunningSandbox, startSandbox } from '../server.js';
import type { ManualClock } from './manual-clock.js';

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: a reply's JSON has any shape; tests read into it, expect() checks it.
  body: any;
}

/** Starts a sandbox for the enclosing describe block; returns a getter (it starts in beforeAll). */
export function useSandbox(options: Partial<SandboxOptions> = {}): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: null, docsDir: undefined, ...options });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => sandbox!;
}

export async function call(
  base: string,
  method: string,
  path: string,
  {
    key = 'sk_test_valid',
    body,
    headers = {},
  }: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
      ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body:
      body === undefined
        ? undefined
        : body instanceof FormData || typeof body === 'string'
          ? body
          : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * A queued request's status once it is terminal: the sandbox's manual clock fires its timers (a
 * worker's job ending, the next one starting) one by one, and the status is read after each.
 */
export async function settle(base: string, id: string, clock: ManualClock): Promise<Reply> {
  let reply = await call(base, 'GET', `/v1/requests/${id}/status`);
  while (reply.status === 200 && reply.body.status !== 'COMPLETED') {
    if (!clock.fireNext()) throw new Error(`request ${id} is ${reply.body.status} and no timer is left to end it`);
    reply = await call(base, 'GET', `/v1/requests/${id}/status`);
  }
  return reply;
}
