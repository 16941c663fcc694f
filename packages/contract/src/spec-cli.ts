// `errata-contract --spec <file>`: conformance for any spec that adopts the contract, driven by a
// config file (auth, keys for auth codes, Errata-Simulate or recorded triggers). Exit 0 conforms,
// 1 not, 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OpenApiDocument } from '@errata/spec-model';
import { parse } from 'yaml';
import { type ContractConfig, ContractConfigError, loadContractConfig } from './spec-suite/config.js';
import { runSpecConformance } from './spec-suite/run-spec.js';
import { formatSpecReport, toJUnitXml } from './spec-suite/spec-report.js';

export const SPEC_USAGE = `Usage: errata-contract --spec <bundled openapi.json|yaml> [--config <file>] [options]

  --spec <file>        the bundled spec the server claims (redocly bundle openapi.yaml -o openapi.json)
  --config <file>      YAML or JSON: auth (header, scheme, key or env:NAME, keys per auth code),
                       simulate (the server honours Errata-Simulate), pathParams, triggers
  --base-url <url>     the server (default: the config's baseUrl, then http://127.0.0.1:4010)
  --only <id|CODE>     only probes of this operation or code; repeatable
  --skip <id|CODE>     not probes of this operation or code; repeatable
  --budget <seconds>   stop sending after this long; the rest is reported skipped
  --timeout <ms>       per-request timeout (default 15000)
  --junit <file>       also write a JUnit XML report
  --json <file>        also write the report as JSON
  -h, --help           this text`;

/** A usage mistake: the CLI prints it with the usage and exits 2. */
export class SpecUsageError extends Error {}

function readSpec(file: string): OpenApiDocument {
  try {
    return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  } catch (error) {
    throw new SpecUsageError(`--spec ${file}: ${(error as Error).message}`);
  }
}

/**
 * Runs the spec-driven suite from CLI arguments; resolves with the exit code.
 *
 * @example
 * await specMain(['--spec', 'openapi.json', '--config', 'errata-contract.yaml', '--junit', 'contract.xml']); // 0 | 1
 */
export async function specMain(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      spec: { type: 'string' },
      config: { type: 'string' },
      'base-url': { type: 'string' },
      only: { type: 'string', multiple: true },
      skip: { type: 'string', multiple: true },
      budget: { type: 'string' },
      timeout: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(SPEC_USAGE);
    return 0;
  }
  if (!values.spec) throw new SpecUsageError('--spec is required');
  const number = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(value))
      throw new SpecUsageError(`${flag} expects a non-negative number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  let config: ContractConfig = {};
  try {
    if (values.config) config = loadContractConfig(values.config);
  } catch (error) {
    if (error instanceof ContractConfigError) throw new SpecUsageError(error.message);
    throw error;
  }
  const budget = number(values.budget, '--budget');
  const timeout = number(values.timeout, '--timeout');
  const report = await runSpecConformance({
    spec: readSpec(values.spec),
    baseUrl: values['base-url'] ?? config.baseUrl ?? 'http://127.0.0.1:4010',
    config,
    ...(values.only ? { only: values.only } : {}),
    ...(values.skip ? { skip: values.skip } : {}),
    ...(budget !== undefined ? { budgetMs: budget * 1000 } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
  });
  log(formatSpecReport(report));
  if (values.junit) writeFileSync(values.junit, toJUnitXml(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}
