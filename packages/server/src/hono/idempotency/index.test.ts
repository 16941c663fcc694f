// The idempotency stage over real HTTP: a retry replays the first response and runs nothing; keys
// are scoped to the credential; another request under a key is IDEMPOTENCY_CONFLICT with the key in
// its message; failures are not kept; concurrent duplicates run once.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errataServer } from '../../errata-spec.js';
import { request, useServed } from '../../test-support/http.js';
import { auth, body, type ErrataEnv, errorHandler, requestId, staticKeys } from '../index.js';
import { idempotency } from './index.js';

const kit = errataServer();
let runs = 0;
let gate: Promise<void> = Promise.resolve();

function app() {
  const app = new Hono<ErrataEnv>();
  app.use('*', requestId(kit));
  app.use('*', auth(kit, { lookup: staticKeys({ sk_a: 'a', sk_b: 'b' }, (team) => team) }));
  app.post('/v1/finetunes', body(kit, 'createFinetune'), idempotency(kit), async (c) => {
    runs++;
    await gate;
    const input = c.var.body as { name: string };
    if (input.name === 'fail') return c.json({ code: 'INTERNAL_ERROR' }, 500);
    return c.json({ run: runs, name: input.name, by: c.var.credentialId }, 201);
  });
  app.onError(errorHandler(kit));
  return app;
}
const served = useServed(app, kit);
const post = (key: string, name: string, apiKey = 'sk_a') =>
  request(`${served().url}/v1/finetunes`, {
    body: { name },
    headers: { Authorization: `Bearer ${apiKey}`, 'Idempotency-Key': key },
  });

describe('idempotency', () => {
  it('replays a retry’s first response and runs nothing', async () => {
    const before = runs;
    const first = await post('k1', 'one');
    const retry = await post('k1', 'one');
    expect([first.status, retry.status, retry.body]).toEqual([201, 201, first.body]);
    expect([first.headers.get('idempotent-replayed'), retry.headers.get('idempotent-replayed')]).toEqual([
      null,
      'true',
    ]);
    expect(runs - before).toBe(1);
  });

  it('answers another request under the key IDEMPOTENCY_CONFLICT, its message filled', async () => {
    await post('k2', 'one');
    const reply = await post('k2', 'two');
    expect([reply.status, reply.body.code, reply.body.message, reply.body.details]).toEqual([
      409,
      'IDEMPOTENCY_CONFLICT',
      'Idempotency-Key k2 was already used with a different request.',
      { key: 'k2' },
    ]);
  });

  it('scopes keys to the credential: another API key’s request under the same key runs on its own', async () => {
    const a = await post('shared', 'same');
    const b = await post('shared', 'same', 'sk_b');
    expect([a.body.by, b.body.by, b.headers.get('idempotent-replayed')]).toEqual(['a', 'b', null]);
  });

  it('keeps no failure: a retry after an error runs again', async () => {
    const before = runs;
    expect([(await post('k3', 'fail')).status, (await post('k3', 'fail')).status]).toEqual([500, 500]);
    expect(runs - before).toBe(2);
  });

  it('runs concurrent duplicates once', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const before = runs;
    const replies = Promise.all(Array.from({ length: 5 }, () => post('k4', 'same')));
    open();
    const settled = await replies;
    gate = Promise.resolve();
    expect(new Set(settled.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(settled.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(runs - before).toBe(1);
  });
});
