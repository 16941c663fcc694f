// Test helpers: an app on the kit's safe server on 127.0.0.1:0, a JSON request over real HTTP, and
// raw bytes over TCP for what the HTTP parser refuses.
import { connect } from 'node:net';
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import type { ErrataServer } from '../errata-server.js';
import type { KitFinding } from '../kit-check.js';
import { type ServedApp, type ServeOptions, serve } from '../node/serve.js';

/** Serves `app` for the enclosing describe block; returns a getter (it starts in beforeAll). */
export function useServed(
  // biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its Env.
  app: () => Hono<any>,
  errata: ErrataServer<string>,
  options: Partial<ServeOptions> = {},
): () => ServedApp & { findings: KitFinding[] } {
  let served: (ServedApp & { findings: KitFinding[] }) | undefined;
  beforeAll(async () => {
    const findings: KitFinding[] = [];
    const running = await serve({ fetch: app().fetch, errata, onCheck: (f) => findings.push(...f), ...options });
    served = Object.assign(running, { findings });
  });
  afterAll(() => served?.close());
  return () => served!;
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: a reply's JSON has any shape; tests read into it, expect() checks it.
  body: any;
}

/** One request; a JSON body is sent as JSON, a string as is. */
export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const json = init.body !== undefined && typeof init.body !== 'string' && !(init.body instanceof FormData);
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(json ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: json ? JSON.stringify(init.body) : (init.body as BodyInit | undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** Sends `bytes` on a fresh connection; `reply` is everything the server wrote before it closed. */
export function raw(
  port: number,
  bytes: string,
): { sent: Promise<void>; reply: Promise<{ head: string; body: string }> } {
  const socket = connect(port, '127.0.0.1');
  const sent = new Promise<void>((resolve) => socket.once('connect', () => socket.write(bytes, () => resolve())));
  const reply = new Promise<{ head: string; body: string }>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => {
      const at = text.indexOf('\r\n\r\n');
      resolve({ head: text.slice(0, at), body: text.slice(at + 4) });
    });
    socket.on('error', reject);
  });
  return { sent, reply };
}
