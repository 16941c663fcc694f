// Child process of the benchmark: a bare server answering every request with the sandbox's 401
// envelope (MISSING_API_KEY, a fresh request id each time), either on node:http alone or as a
// bare Hono app on @hono/node-server. The floor any Hono error path is measured against.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errataServer } from '@errata/server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { answerCpuTime } from './cpu-time.js';

const kind = process.argv[2];
// The same envelope the sandbox sends, built from the catalog once at start-up: per request the
// baseline only fills in a fresh request id, so it does no catalog work.
const template = errataServer().error('MISSING_API_KEY', {}, { requestId: '' }).body;
const envelope = (requestId: string) => ({ ...template, request_id: requestId });
const newId = () => `req_${randomUUID().replaceAll('-', '')}`;

/** Starts the baseline server of this kind; resolves with it listening on 127.0.0.1. */
async function start(): Promise<Server> {
  if (kind === 'node') {
    const server = createServer((_req, res) => {
      const id = newId();
      res.writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': id }).end(JSON.stringify(envelope(id)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  }
  const app = new Hono();
  app.all('*', (c) => {
    const id = newId();
    return c.json(envelope(id), 401, { 'X-Request-Id': id });
  });
  return new Promise((resolve) => {
    // @hono/node-server listens with node:http by default, so the server is a node:http Server.
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
}
const server = await start();
process.on('message', (message: unknown) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
answerCpuTime();
process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
