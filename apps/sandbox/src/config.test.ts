import { describe, expect, it } from 'vitest';
import { ConfigError, optionsFrom } from './config.js';

describe('optionsFrom', () => {
  it.each([
    { name: 'defaults', given: { argv: [], env: {} }, want: {} },
    { name: 'PORT', given: { argv: [], env: { PORT: '5000' } }, want: { port: 5000 } },
    { name: 'a flag over the environment', given: { argv: ['--port', '0'], env: { PORT: '5000' } }, want: { port: 0 } },
    { name: '--flag=value', given: { argv: ['--rate-limit=10'], env: {} }, want: { rateLimit: 10 } },
    {
      name: 'limits from the environment',
      given: { argv: [], env: { ERRATA_QUEUE_LIMIT: '2', ERRATA_TIMEOUT_MS: '100' } },
      want: { queueLimit: 2, requestTimeoutMs: 100 },
    },
    {
      name: 'host and docs',
      given: { argv: ['--host', '0.0.0.0', '--docs-dir', '/tmp/d'], env: {} },
      want: { host: '0.0.0.0', docsDir: '/tmp/d' },
    },
    {
      name: 'the stream pace',
      given: { argv: ['--stream-pace-ms', '5'], env: { ERRATA_STREAM_PACE_MS: '200' } },
      want: { streamPaceMs: 5 },
    },
    {
      name: 'the h2c port of the provider endpoints',
      given: { argv: ['--h2-port', '4111'], env: { ERRATA_H2_PORT: '5111' } },
      want: { h2Port: 4111 },
    },
    { name: 'ERRATA_H2_PORT', given: { argv: [], env: { ERRATA_H2_PORT: '5111' } }, want: { h2Port: 5111 } },
    { name: '--quiet', given: { argv: ['--quiet'], env: {} }, want: { log: null } },
  ])('$name', ({ given, want }) => {
    expect(optionsFrom(given.argv, given.env)).toEqual(want);
  });

  it.each([
    { name: 'an unknown flag', given: ['--nope', '1'], want: /Unknown flag --nope/ },
    { name: 'a non-numeric port', given: ['--port', 'abc'], want: /--port must be a non-negative integer/ },
    { name: 'a missing value', given: ['--port'], want: /--port needs a value/ },
  ])('rejects $name', ({ given, want }) => {
    expect(() => optionsFrom(given, {})).toThrow(ConfigError);
    expect(() => optionsFrom(given, {})).toThrow(want);
  });
});
