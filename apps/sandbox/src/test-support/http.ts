// Test helpers: a sandbox on 127.0.0.1:0 and a small request function over real HTTP.
import { afterAll, beforeAll } from 'vitest';
import type { SandboxOptions } from '../config.js';
import { type RunningSandbox, startSandbox } from '../server.js';

export interface Reply {
  status: number;
  headers: Headers;
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

/** Polls a queued request's status until it is terminal (or the tries run out). */
export async function settle(base: string, id: string, tries = 60): Promise<Reply> {
  let reply = await call(base, 'GET', `/v1/requests/${id}/status`);
  for (let i = 0; i < tries && reply.status === 200 && reply.body.status !== 'COMPLETED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    reply = await call(base, 'GET', `/v1/requests/${id}/status`);
  }
  return reply;
}
