/**
 * The sandbox's settings, their defaults, and how environment variables and flags set them.
 * Every limit is configurable so that tests, benchmarks and conformance runs are not throttled
 * by the limits a demo wants.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Clock, systemClock } from './internal/clock.js';

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. Env `PORT`, flag `--port`. */
  port: number;
  /**
   * Port of the provider endpoints' cleartext HTTP/2 listener, which the AWS SDK (Bedrock) needs;
   * unset, `port` + 2 (a free one when `port` is 0; + 2 because `pnpm dev`'s docs take 4011).
   * Env `ERRATA_H2_PORT`, flag `--h2-port`.
   */
  h2Port?: number | undefined;
  /** Interface to listen on. Env `HOST`, flag `--host`. */
  host: string;
  /** Requests per key per window. Env `ERRATA_RATE_LIMIT`, flag `--rate-limit`. */
  rateLimit: number;
  /** Rate-limit window in ms. Env `ERRATA_RATE_WINDOW_MS`. */
  rateWindowMs: number;
  /** Requests in flight per key. Env `ERRATA_CONCURRENCY_LIMIT`. */
  concurrencyLimit: number;
  /** Queued or running jobs per key. Env `ERRATA_QUEUE_LIMIT`. */
  queueLimit: number;
  /** Jobs that run at once, for all keys. */
  workers: number;
  /** How long one queued job runs, in ms. Env `ERRATA_JOB_MS`. */
  jobDurationMs: number;
  /** A synchronous run slower than this answers TIMEOUT (408). Env `ERRATA_TIMEOUT_MS`. */
  requestTimeoutMs: number;
  /** A request body that takes longer than this to arrive answers TIMEOUT (408) and frees what the request held. */
  bodyTimeoutMs: number;
  /**
   * The clock the body timeout runs on: the wall clock unless a test passes its own. Apart from
   * `clock`, so that a test moving the pipeline's time never times out a body still on its way.
   */
  bodyClock: Clock;
  /** JSON bodies over this answer REQUEST_TOO_LARGE (413). */
  bodyLimitBytes: number;
  /** Uploaded files over this answer FILE_TOO_LARGE; the multipart body limit is this plus 64 KiB. */
  fileLimitBytes: number;
  /**
   * Delay before each token of a streamed run, in ms (a request may override it with `Errata-Stream-Pace-Ms`). Env
   * `ERRATA_STREAM_PACE_MS`, flag `--stream-pace-ms`.
   */
  streamPaceMs: number;
  /** `Retry-After` of simulated errors, in seconds (a request may override it with `Errata-Simulate-Retry-After`). */
  simulatedRetryAfter: number;
  /** Caps of the in-memory stores: beyond them the oldest entries are evicted. */
  maxJobs: number;
  maxIdempotencyKeys: number;
  maxFiles: number;
  maxFinetunes: number;
  /** How long finished jobs and idempotency keys are kept, in ms. */
  jobTtlMs: number;
  idempotencyTtlMs: number;
  /** The built docs (apps/docs/dist/site), served under /docs/. Env `ERRATA_DOCS_DIR`, flag `--docs-dir`. */
  docsDir: string | undefined;
  /**
   * Base of every `doc_url` (`<catalogUrl>#CODE`). `startSandbox` sets it to the catalog it serves
   * itself (`http://127.0.0.1:4010/docs/errors/`) when it serves the docs, so a click works
   * offline; unset, the spec's `x-errata.docs_url` stays.
   */
  catalogUrl: string | undefined;
  /** Where request log lines go; `null` for none. Flag `--quiet`, env `ERRATA_QUIET=1`. */
  log: ((line: string) => void) | null;
  /**
   * The time every limit, TTL and simulated wait runs on (jobs, rate windows, slow-1, stream
   * pace); the wall clock unless a test passes its own, e.g. `manualClock()` from test-support.
   */
  clock: Clock;
}

export const defaultOptions: SandboxOptions = {
  port: 4010,
  host: '127.0.0.1',
  rateLimit: 300,
  rateWindowMs: 10_000,
  concurrencyLimit: 8,
  queueLimit: 5,
  workers: 2,
  jobDurationMs: 1_000,
  requestTimeoutMs: 2_000,
  bodyTimeoutMs: 30_000,
  bodyClock: systemClock,
  bodyLimitBytes: 1024 * 1024,
  fileLimitBytes: 10 * 1024 * 1024,
  streamPaceMs: 50,
  simulatedRetryAfter: 2,
  maxJobs: 10_000,
  maxIdempotencyKeys: 10_000,
  maxFiles: 1_000,
  maxFinetunes: 1_000,
  jobTtlMs: 60 * 60 * 1000,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  docsDir: undefined,
  catalogUrl: undefined,
  log: (line) => console.log(line),
  clock: systemClock,
};

const NUMERIC: [keyof SandboxOptions, string, string | undefined][] = [
  ['port', 'PORT', '--port'],
  ['h2Port', 'ERRATA_H2_PORT', '--h2-port'],
  ['rateLimit', 'ERRATA_RATE_LIMIT', '--rate-limit'],
  ['rateWindowMs', 'ERRATA_RATE_WINDOW_MS', undefined],
  ['concurrencyLimit', 'ERRATA_CONCURRENCY_LIMIT', undefined],
  ['queueLimit', 'ERRATA_QUEUE_LIMIT', undefined],
  ['jobDurationMs', 'ERRATA_JOB_MS', undefined],
  ['requestTimeoutMs', 'ERRATA_TIMEOUT_MS', undefined],
  ['streamPaceMs', 'ERRATA_STREAM_PACE_MS', '--stream-pace-ms'],
];

/** A bad flag or environment value, reported without a stack. */
export class ConfigError extends Error {}

/**
 * Options from environment variables and command-line flags (flags win).
 *
 * @example
 * optionsFrom(['--port', '0'], { ERRATA_RATE_LIMIT: '1000' }); // { port: 0, rateLimit: 1000 }
 */
export function optionsFrom(argv: string[], env: Record<string, string | undefined>): Partial<SandboxOptions> {
  const flags = parseFlags(argv);
  const options: Partial<SandboxOptions> = {};
  for (const [key, envName, flag] of NUMERIC) {
    const raw = (flag && flags[flag.slice(2)]) ?? env[envName];
    if (typeof raw !== 'string') continue;
    if (!/^\d+$/.test(raw))
      throw new ConfigError(`${flag ?? envName} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    (options as Record<string, number>)[key] = Number(raw);
  }
  const host = flags.host ?? env.HOST;
  if (typeof host === 'string') options.host = host;
  const docsDir = flags['docs-dir'] ?? env.ERRATA_DOCS_DIR;
  if (typeof docsDir === 'string') options.docsDir = docsDir;
  if (flags.quiet === true || env.ERRATA_QUIET === '1') options.log = null;
  return options;
}

const FLAGS = {
  ...Object.fromEntries(NUMERIC.flatMap(([, , flag]) => (flag ? [[flag.slice(2), { type: 'string' as const }]] : []))),
  host: { type: 'string' },
  'docs-dir': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

/**
 * The flags, by node:util's parseArgs (strict: unknown flags and stray arguments are errors), its
 * errors as ConfigError.
 */
function parseFlags(argv: string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(--?[\w-]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new ConfigError(`Unknown flag ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new ConfigError(`${flag.split(' ')[0]} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new ConfigError(`Unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`);
    throw new ConfigError(message);
  }
}

export const USAGE =
  'Usage: node apps/sandbox/dist/main.js [--port 4010] [--h2-port 4012] [--host 127.0.0.1] [--rate-limit 300] ' +
  `[--stream-pace-ms 50] [--docs-dir <dir>] [--quiet]

Environment: PORT, ERRATA_H2_PORT, HOST, ERRATA_RATE_LIMIT, ERRATA_RATE_WINDOW_MS, ERRATA_CONCURRENCY_LIMIT,
ERRATA_QUEUE_LIMIT, ERRATA_JOB_MS, ERRATA_TIMEOUT_MS, ERRATA_STREAM_PACE_MS, ERRATA_DOCS_DIR, ERRATA_QUIET=1.`;
