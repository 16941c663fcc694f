// `errata-contract --spec <file>`: conformance for any spec that adopts the contract, driven by a
// config file (auth, keys for auth codes, Errata-Simulate or recorded triggers). Exit 0 conforms,
// 1 not, 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OpenApiDocument } from '@errata/spec-model';
import { parse } from 'yaml';
import { formatReport, toGitHubAnnotations, toJUnitXml } from './render.js';
import { type ContractConfig, ContractConfigError, loadContractConfig } from './spec-suite/config.js';
import { runSpecConformance } from './spec-suite/run-spec.js';

export const SPEC_USAGE = `Usage: errata-contract --spec <bundled openapi.json|yaml> [--config <file>] [options]

  --spec <file>        the bundled spec the server claims (redocly bundle openapi.yaml -o openapi.json)
  --config <file>      YAML or JSON: auth (header, scheme, key or env:NAME, keys per auth code),
                       simulate (the server honours Errata-Simulate), pathParams, triggers
  --base-url <url>     the server (default: the config's baseUrl, then http://127.0.0.1:4010)
  --only <id|CODE>     only probes of this operation or code; repeatable
  --skip <id|CODE>     not probes of this operation or code; repeatable
  --budget <seconds>   stop sending after this long; the rest is reported not probed (and fails)
  --max-simulated <%>  how much of the codes may be proven only by Errata-Simulate (default: the
                       config's maxSimulated, else 100); over it the run fails
  --request-id-header <name>
                       the header that carries the request id (default: the config's
                       requestIdHeader, else X-Request-Id)
  --timeout <ms>       per-request timeout (default 15000)
  --format <text|github>
                       stdout as text (default) or GitHub Actions annotations
  --junit <file>       also write a JUnit XML report
  --json <file>        also write the report as JSON

A declared code that was not probed fails the run unless the config's notProbed gives the reason.
The config is checked against the JSON Schema @errata/contract ships (errata-contract.schema.json)
and against the spec: an unknown key, operation or code is a usage error (exit 2).`;

/** A usage mistake: the CLI prints it with the usage and exits 2. */
export class SpecUsageError extends Error {}

/** A header name as HTTP allows it (an RFC 9110 token), else a usage error. */
export function headerName(value: string, flag: string): string {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value))
    throw new SpecUsageError(`${flag} expects a header name, got ${JSON.stringify(value)}`);
  return value;
}

/** Runs `fn`, turning a config error (shape, or names the spec lacks) into a usage error: exit 2. */
function usage<T>(fn: () => T): T {
  const rethrow = (error: unknown): never => {
    throw error instanceof ContractConfigError ? new SpecUsageError(error.message) : error;
  };
  try {
    const value = fn();
    return (value instanceof Promise ? value.catch(rethrow) : value) as T;
  } catch (error) {
    return rethrow(error);
  }
}

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
      'request-id-header': { type: 'string' },
      'max-simulated': { type: 'string' },
      format: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(SPEC_USAGE);
    return 0;
  }
  const specFile = values.spec;
  if (!specFile) throw new SpecUsageError('--spec is required');
  const number = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(value))
      throw new SpecUsageError(`${flag} expects a non-negative number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  let config: ContractConfig = {};
  if (values.config) config = usage(() => loadContractConfig(values.config!));
  if (values['request-id-header'] !== undefined)
    config = { ...config, requestIdHeader: headerName(values['request-id-header'], '--request-id-header') };
  const budget = number(values.budget, '--budget');
  const timeout = number(values.timeout, '--timeout');
  const maxSimulated = number(values['max-simulated'], '--max-simulated');
  if (maxSimulated !== undefined && maxSimulated > 100)
    throw new SpecUsageError(`--max-simulated is a percentage (0 to 100), got ${maxSimulated}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github')
    throw new SpecUsageError(`--format expects text or github, got ${JSON.stringify(format)}`);
  const report = await usage(() =>
    runSpecConformance({
      spec: readSpec(specFile),
      baseUrl: values['base-url'] ?? config.baseUrl ?? 'http://127.0.0.1:4010',
      config,
      configFile: values.config ?? 'the config',
      ...(maxSimulated !== undefined ? { maxSimulated } : {}),
      ...(values.only ? { only: values.only } : {}),
      ...(values.skip ? { skip: values.skip } : {}),
      ...(budget !== undefined ? { budgetMs: budget * 1000 } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    }),
  );
  log(format === 'github' ? toGitHubAnnotations(report, values.spec) : formatReport(report));
  if (values.junit) writeFileSync(values.junit, toJUnitXml(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}
