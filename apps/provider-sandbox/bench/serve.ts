// Child process of the benchmark: the provider sandbox as it ships (dist/, built before `pnpm
// bench`), on @hono/node-server over HTTP/1.1 on 127.0.0.1, sending its URL once it listens.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type * as ProviderSandbox from '../src/index.js';

const { createProviderSandbox } = (await import(
  new URL('../dist/index.js', import.meta.url).href
)) as typeof ProviderSandbox;

const { app } = createProviderSandbox();
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (message: unknown) => {
  if (message === 'stop') server.close(() => process.exit(0));
});
// The benchmark died: do not outlive it.
process.on('disconnect', () => process.exit(0));
