// Child process of the benchmark: an API on the kit, as the README's adopter server builds it —
// request id, auth (a static key), the operation, body (limits), validation against the spec
// (TextGenerationInput, as the fair baseline), idempotency (inert without the header), one error
// handler — on the kit's safe server. What ships (@errata/server's dist/, built before `pnpm bench`) is measured.
import { errataServer } from '@errata/server';
import * as kit from '@errata/server/hono';
import { serve } from '@errata/server/node';
import { taskInputSchemas } from '@errata/types';
import { Hono } from 'hono';
import { answerCpuTime } from './cpu-time.js';

const server = errataServer();
const app = new Hono<kit.ErrataEnv>();
app.use('*', kit.requestId(server));
app.use('/v1/*', kit.auth(server, { lookup: kit.staticKeys({ sk_test_valid: 'a' }, (team) => team) }));
app.get('/v1/models', kit.operation(server.model.operation('listModels')!), (c) => c.json({ data: [] }));
app.post(
  '/v1/models/:model/run',
  kit.operation(server.model.operation('runModel')!),
  kit.body(server, 'runModel'),
  kit.validate(server, 'runModel', { schema: () => taskInputSchemas['text-generation'] }),
  kit.idempotency(server),
  (c) => c.json({ model: c.req.param('model'), output: { text: (c.var.body as { prompt: string }).prompt } }),
);
app.onError(kit.errorHandler(server, { log: null }));
app.notFound(kit.notFound(server));

const served = await serve({ fetch: app.fetch, errata: server, onCheck: () => {} });
process.on('message', (message: unknown) => {
  if (message === 'stop') served.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
answerCpuTime();
process.send?.({ url: served.url });
