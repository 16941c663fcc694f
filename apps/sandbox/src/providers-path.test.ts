// The sandbox serves the providers' own APIs under /providers beside Errata's (server.ts): which of
// the two answers is decided from the request's path alone, over real HTTP.
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-support/http.js';

const cases: { name: string; given: string; want: 'providers' | 'errata' }[] = [
  { name: 'a provider route', given: '/providers/nowhere', want: 'providers' },
  { name: 'the providers path itself', given: '/providers', want: 'providers' },
  { name: 'the providers path with a query', given: '/providers?x=/v1', want: 'providers' },
  { name: 'a path that only starts like it', given: '/providersx/openai', want: 'errata' },
  { name: 'the providers path further down', given: '/v1/providers/openai', want: 'errata' },
  { name: 'an Errata path whose query names it', given: '/nowhere?next=/providers', want: 'errata' },
];

describe('the providers path', () => {
  const sandbox = useSandbox();
  it.each(cases)('$name', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'GET', given);
    expect(reply.status).toBe(404);
    if (want === 'providers') expect(reply.headers.get('errata-fault-refused')).toBe('true');
    else expect(reply.body.code).toBe('ENDPOINT_NOT_FOUND');
  });
});
