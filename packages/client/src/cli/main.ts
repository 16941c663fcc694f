/**
 * `errata explain`: what an AI provider's error body means in Errata's catalog. The body comes
 * from the argument, `--file <path>`, or stdin (no argument, or `-`). Prints the code, what it
 * means, whether and when to retry, the remedy, the docs link and how it was recognised; `--json`
 * prints the same as JSON. API keys are never printed.
 *
 * Exit codes: 0 recognised; 1 not recognised (the code is only what the status means);
 * 2 a usage error (an unknown option or provider, a bad status or header, no body); 3 anything
 * else that went wrong (printed, without a stack trace).
 *
 * @example
 * // errata explain --provider openai --status 429 '{"error":{"code":"rate_limit_exceeded","message":"…"}}'
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRedactor, providerKeyPattern } from '@errata/redact';
import { providers } from '@errata/types';
import { explainError, isProvider } from './explain-error.js';
import { formatJson, formatText } from './format-explanation.js';

const USAGE = `Usage: errata explain [options] [<body> | -]

  Explains an error response body: its Errata code, what it means, whether and when to retry,
  the remedy and the docs link. The body is the argument, --file <path>, or stdin (- or nothing).

  --provider <id>      whose body it is: ${Object.keys(providers).join(', ')}
  --status <code>      the HTTP status it came with
  --header <name:value>  a response header (retry-after:20, x-request-id:…); repeatable
  --file <path>        read the body from a file
  --api-key <key>      a key to remove from the output besides the shapes of known keys; repeatable
  --json               print JSON
  -h, --help           this text

Exit codes: 0 recognised, 1 not recognised, 2 usage error, 3 other failure.`;

class UsageError extends Error {}

// The keys given with --api-key (set once the options are parsed): no message printed shows them.
let apiKeys: string[] = [];

function parseStatus(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-5]\d\d$/.test(value)) throw new UsageError(`--status expects an HTTP status (100-599), got ${value}`);
  return Number(value);
}

function parseHeaders(values: string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf(':');
    const name = value.slice(0, at).trim().toLowerCase();
    if (at < 1 || !/^[!#$%&'*+.^`|~\w-]+$/.test(name))
      throw new UsageError(`--header expects name:value, got ${JSON.stringify(value.slice(0, 40))}`);
    headers[name] = value.slice(at + 1).trim();
  }
  return headers;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readBody(positional: string[], file: string | undefined): Promise<string> {
  if (positional.length > 1) throw new UsageError('one body at most (quote it)');
  if (file !== undefined && positional.length) throw new UsageError('give the body or --file, not both');
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  if (positional[0] !== undefined && positional[0] !== '-') return positional[0];
  if (process.stdin.isTTY) throw new UsageError('no body: pass it as an argument, with --file, or on stdin');
  return readStdin();
}

// The --api-key values, read before the options are parsed: a parse error may quote any argument.
const keysIn = (args: string[]): string[] =>
  args.flatMap((arg, i) =>
    arg === '--api-key' ? [args[i + 1] ?? ''] : arg.startsWith('--api-key=') ? [arg.slice('--api-key='.length)] : [],
  );

async function explainMain(args: string[]): Promise<number> {
  apiKeys = keysIn(args);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      status: { type: 'string' },
      header: { type: 'string', multiple: true },
      file: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const provider = values.provider;
  if (provider !== undefined && !isProvider(provider))
    throw new UsageError(`unknown --provider ${provider}; known: ${Object.keys(providers).join(', ')}`);
  const body = await readBody(positionals, values.file);
  if (!body.trim()) throw new UsageError('the body is empty');
  const explanation = explainError({
    body,
    status: parseStatus(values.status),
    headers: parseHeaders(values.header),
    provider,
    apiKeys,
  });
  process.stdout.write(values.json ? formatJson(explanation) : formatText(explanation));
  return explanation.recognised ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'explain') throw new UsageError(`unknown command ${JSON.stringify(command)}; try: errata explain`);
  return explainMain(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Said in one line, redacted: an option's value may be a key.
    const redact = createRedactor(apiKeys, { keyPattern: providerKeyPattern });
    process.stderr.write(`errata explain: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    if (usage) process.stderr.write('Run errata explain --help for usage.\n');
    process.exitCode = usage ? 2 : 3;
  },
);
