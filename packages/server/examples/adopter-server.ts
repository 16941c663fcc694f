import { Hono } from 'hono';
import * as kit from '../src/hono/index.js'; // '@errata/server/hono'
import { CatalogError, errataServer } from '../src/index.js'; // '@errata/server'
import { serve } from '../src/node/index.js'; // '@errata/server/node'

// Your spec: createErrataServer({ spec: yourBundledOpenApi }). Errata's own here.
const server = errataServer();
const env = process.env;
const lookup = kit.staticKeys({ [env.API_KEY ?? 'sk_test_1']: { team: 'a' } }, (c) => c.team);
const window = kit.fixedWindow({ limit: 300, windowMs: 10_000 });

const app = new Hono<kit.ErrataEnv>();
app.use('*', kit.requestId(server));
app.use('/v1/*', kit.auth(server, { lookup }), kit.rateLimit(server, { take: window }));
const op = (id: string) => kit.operation(server.model.operation(id)!);
const simulate = kit.simulate(server, { enabled: env.ERRATA_SIMULATE === '1' }); // off in production
app.get('/v1/models/:model', op('getModel'), simulate, (c) => {
  throw new CatalogError('MODEL_NOT_FOUND', { params: { model: c.req.param('model') } });
});
app.post(
  '/v1/finetunes',
  op('createFinetune'),
  simulate,
  kit.body(server, 'createFinetune'), // 1 MiB, 30 s, 64 levels: 413, 408, 400
  kit.validate(server, 'createFinetune'), // the spec's schema: MISSING_REQUIRED_FIELD…
  kit.idempotency(server), // per credential, in memory (or your Redis store)
  (c) => c.json({ id: `ft_${Date.now()}`, ...(c.var.body as object) }, 201),
);
app.onError(kit.errorHandler(server, { log: console.error })); // INTERNAL_ERROR, no stack
app.notFound(kit.notFound(server)); // ENDPOINT_NOT_FOUND

/** Parser hooks, timeouts, the startup check. */
export const start = (port = 3000) => serve({ fetch: app.fetch, errata: server, port });
