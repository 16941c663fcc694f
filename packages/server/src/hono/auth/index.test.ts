// The auth stage over real HTTP: the adopter's lookup decides who a key is; the kit answers the
// catalog's auth codes for the rest.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isCatalogError } from '../../catalog-error.js';
import { errataServer } from '../../errata-spec.js';
import { request, useServed } from '../../test-support/http.js';
import { type ErrataEnv, errorHandler, requestId } from '../index.js';
import { type AuthVariables, auth } from './index.js';
import { staticKeys } from './static-keys.js';

type Team = { team: string; state: 'active' | 'expired' | 'revoked' };
const kit = errataServer();
const find = staticKeys<Team>(
  {
    sk_a: { team: 'a', state: 'active' },
    sk_old: { team: 'b', state: 'expired' },
    sk_gone: { team: 'c', state: 'revoked' },
  },
  (t) => t.team,
);

function app() {
  const app = new Hono<ErrataEnv & { Variables: AuthVariables<Team> }>();
  app.use('*', requestId(kit));
  app.use(
    '*',
    auth(kit, {
      lookup: (key) => {
        const found = find(key);
        if (found?.credential.state === 'expired') return { refuse: 'EXPIRED_API_KEY' };
        if (found?.credential.state === 'revoked') return { refuse: 'REVOKED_API_KEY' };
        return found;
      },
    }),
  );
  app.get('/whoami', (c) => c.json({ id: c.var.credentialId, team: c.var.credential.team }));
  app.onError(errorHandler(kit));
  return app;
}
const served = useServed(app, kit);

describe('auth', () => {
  it.each([
    { name: 'no Authorization header', given: undefined, want: [401, 'MISSING_API_KEY'] },
    { name: 'an empty Authorization header', given: ' ', want: [401, 'MISSING_API_KEY'] },
    { name: 'another scheme', given: 'Basic c2tfYTo=', want: [401, 'INVALID_API_KEY'] },
    { name: 'a key nobody issued', given: 'Bearer sk_nope', want: [401, 'INVALID_API_KEY'] },
    { name: 'an expired key', given: 'Bearer sk_old', want: [401, 'EXPIRED_API_KEY'] },
    { name: 'a revoked key', given: 'Bearer sk_gone', want: [401, 'REVOKED_API_KEY'] },
  ])('$name → $want.1', async ({ given, want }) => {
    const reply = await request(`${served().url}/whoami`, {
      headers: given === undefined ? {} : { Authorization: given },
    });
    expect([reply.status, reply.body.code]).toEqual(want);
    expect(JSON.stringify(reply.body)).not.toContain('sk_');
  });

  it('sets the credential and its id (never the key) for later stages', async () => {
    const reply = await request(`${served().url}/whoami`, { headers: { Authorization: 'bearer sk_a' } });
    expect([reply.status, reply.body]).toEqual([200, { id: 'a', team: 'a' }]);
  });
});

// The adopter's own onError (logging, another envelope shape) sees every refusal: the stage refuses
// through Hono's error path, never by answering on its own.
describe('auth, under the adopter’s own onError', () => {
  const served = useServed(() => {
    const own = new Hono<ErrataEnv>();
    own.use('*', requestId(kit), auth(kit, { lookup: (key) => find(key) }));
    own.get('/whoami', (c) => c.json({ id: c.var.credentialId }));
    const kitHandler = errorHandler(kit);
    own.onError((error, c) => {
      const response = kitHandler(error, c) as Response;
      const seen = c.error === error && isCatalogError(error) ? error.code : 'not seen';
      response.headers.set('Seen-By-OnError', seen);
      return response;
    });
    return own;
  }, kit);

  it.each<{ name: string; given: Record<string, string>; want: [number, string] }>([
    { name: 'no key', given: {}, want: [401, 'MISSING_API_KEY'] },
    { name: 'another scheme', given: { Authorization: 'Basic c2tfYTo=' }, want: [401, 'INVALID_API_KEY'] },
    { name: 'a key nobody issued', given: { Authorization: 'Bearer sk_nope' }, want: [401, 'INVALID_API_KEY'] },
  ])('$name: onError sees $want.1', async ({ given, want }) => {
    const reply = await request(`${served().url}/whoami`, { headers: given });
    expect([reply.status, reply.headers.get('seen-by-onerror')]).toEqual(want);
  });
});
