#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
/**
 * `errata-contract`: runs the conformance suite against a base URL and prints the report.
 * Exit code 0 when the server conforms, 1 when it does not, 2 for a usage error.
 *
 * @example
 * // errata-contract --base-url http://127.0.0.1:4010 --api-key sk_test_valid --key EXPIRED_API_KEY=sk_test_expired
 */
import { parseArgs } from 'node:util';
import { createRedactor, type Redactor } from '@errata/redact';
import { type ErrorCode, isErrorCode } from '@errata/types';
import { formatReport, toGitHubAnnotations, toJUnitXml } from './render.js';
import { runConformance } from './run-conformance.js';
import { headerName, SPEC_USAGE, SpecUsageError, specMain } from './spec-cli.js';

const USAGE = `Usage: errata-contract --base-url <url> --api-key <key> [options]   (Errata's own API)
       errata-contract --spec <file> [--config <file>] [options]     (any spec: --spec --help)

  --base-url <url>          server to check (env ERRATA_BASE_URL; default http://127.0.0.1:4010)
  --api-key <key>           a working API key (env ERRATA_API_KEY)
  --key CODE=<key>          a key that produces CODE (e.g. EXPIRED_API_KEY=sk_test_expired); repeatable
  --model-for CODE=<model>  a model that produces CODE when run (e.g. TIMEOUT=slow-1); repeatable
  --prompt-violation-marker <word>
                            a word the content policy refuses in a prompt, for PROMPT_VIOLATION
                            (the sandbox's is forbidden; without it those triggers are skipped)
  --operation <id>          only this operation; repeatable
  --code <CODE>             only this code; repeatable
  --seed <n>                fuzzer seed (default 42)
  --num-runs <n>            fuzz runs per operation (default 50)
  --timeout <ms>            per-request timeout (default 15000)
  --request-id-header <name>
                            the header that carries the request id (default X-Request-Id)
  --no-simulate             do not use Errata-Simulate: real triggers only
  --no-triggers             do not cause codes for real
  --no-streams              do not probe streamed responses
  --no-fuzz                 skip fuzzing
  --max-simulated <%>       how much of the codes may be proven only by Errata-Simulate (default 100)
  --format <text|github>    stdout as text (default) or GitHub Actions annotations
  --junit <file>            also write a JUnit XML report
  --json                    print the report as JSON
  -h, --help                this text

The report is the one --spec gives: per operation and code, proven for real, only by simulation,
or not probed (which fails the run).`;

function pairs(values: string[] | undefined, flag: string): Partial<Record<ErrorCode, string>> {
  const out: Partial<Record<ErrorCode, string>> = {};
  for (const value of values ?? []) {
    const [code, ...rest] = value.split('=');
    if (!isErrorCode(code) || !rest.length)
      throw new UsageError(
        `${flag} expects CODE=value with a catalog code, got ${JSON.stringify(value.split('=')[0])}`,
      );
    out[code] = rest.join('=');
  }
  return out;
}

class UsageError extends Error {}

// What an error message must not show: the keys the CLI was given (set once they are parsed) and any bearer token.
let redact: Redactor = createRedactor([process.env.ERRATA_API_KEY]);

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((arg) => arg === '--spec' || arg.startsWith('--spec='))) return specMain(argv);
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      key: { type: 'string', multiple: true },
      'model-for': { type: 'string', multiple: true },
      'prompt-violation-marker': { type: 'string' },
      operation: { type: 'string', multiple: true },
      code: { type: 'string', multiple: true },
      seed: { type: 'string' },
      'num-runs': { type: 'string' },
      timeout: { type: 'string' },
      'request-id-header': { type: 'string' },
      'no-simulate': { type: 'boolean' },
      'no-triggers': { type: 'boolean' },
      'no-streams': { type: 'boolean' },
      'no-fuzz': { type: 'boolean' },
      'max-simulated': { type: 'string' },
      format: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const apiKey = values['api-key'] ?? process.env.ERRATA_API_KEY;
  if (!apiKey) throw new UsageError('--api-key (or ERRATA_API_KEY) is required');
  const keys = pairs(values.key, '--key');
  redact = createRedactor([apiKey, ...Object.values(keys)]);
  const codes = values.code?.map((code) => {
    if (!isErrorCode(code)) throw new UsageError(`--code: ${JSON.stringify(code)} is not a catalog code`);
    return code;
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github')
    throw new UsageError(`--format expects text or github, got ${JSON.stringify(format)}`);
  const maxSimulated = integer(values['max-simulated'], '--max-simulated');
  if (maxSimulated !== undefined && maxSimulated > 100)
    throw new UsageError(`--max-simulated is a percentage (0 to 100), got ${maxSimulated}`);
  const report = await runConformance({
    baseUrl: values['base-url'] ?? process.env.ERRATA_BASE_URL ?? 'http://127.0.0.1:4010',
    apiKey,
    keys,
    modelsFor: pairs(values['model-for'], '--model-for'),
    ...(values['prompt-violation-marker'] !== undefined
      ? { promptViolationMarker: values['prompt-violation-marker'] }
      : {}),
    ...(values.operation ? { operations: values.operation } : {}),
    ...(codes ? { codes } : {}),
    ...(values.seed !== undefined ? { seed: integer(values.seed, '--seed')! } : {}),
    ...(values['num-runs'] !== undefined ? { numRuns: integer(values['num-runs'], '--num-runs')! } : {}),
    ...(values.timeout !== undefined ? { timeoutMs: integer(values.timeout, '--timeout')! } : {}),
    simulate: !values['no-simulate'],
    triggers: !values['no-triggers'],
    streams: !values['no-streams'],
    fuzz: !values['no-fuzz'],
    ...(maxSimulated !== undefined ? { maxSimulated } : {}),
    ...(values['request-id-header'] !== undefined
      ? { requestIdHeader: headerName(values['request-id-header'], '--request-id-header') }
      : {}),
  });
  const text = format === 'github' ? toGitHubAnnotations(report) : formatReport(report);
  console.log(values.json ? JSON.stringify(report, null, 2) : text);
  if (values.junit) writeFileSync(values.junit, toJUnitXml(report));
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const specMode = process.argv.slice(2).some((arg) => arg === '--spec' || arg.startsWith('--spec='));
    const usage =
      error instanceof UsageError ||
      error instanceof SpecUsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`errata-contract: ${redact((error as Error).message)}`);
    if (usage) console.error(`\n${specMode ? SPEC_USAGE : USAGE}`);
    process.exit(usage ? 2 : 1);
  },
);
