// The adopter's config file: how to authenticate, which keys produce which auth errors, whether
// the server honours Errata-Simulate, and recorded requests that cause codes for real. Nothing in
// it is Errata's sandbox: every fact about the server under test comes from here. It is strict: a
// key, operation or code the suite could not use is an error (exit 2), never silently ignored.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Type, ErrorObject } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { didYouMean } from '../internal/did-you-mean.js';

// ajv is CommonJS; createRequire sidesteps its default-export interop (as @errata/spec-model does).
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };

/** The JSON Schema of `errata-contract.yaml`, as shipped (`@errata/contract/errata-contract.schema.json`). */
const configSchema = require('../../schema/errata-contract.schema.json') as Record<string, unknown>;

/** One request of a recorded trigger; any part replaces the generated request's. */
interface TriggerRequest {
  /** The path, parameters filled in (default the operation's, filled from `pathParams`). */
  path?: string;
  /** The JSON body (default: the operation's example, else one built from its schema). */
  body?: unknown;
  /** Extra or replaced headers; `null` removes one (e.g. `Authorization: null`). */
  headers?: Record<string, string | null>;
}

/** A request that makes the server answer `code` on `operation`: any of its parts replaces the example request's. */
export interface RecordedTrigger extends TriggerRequest {
  code: string;
  /** The operationId (default: every operation declaring `code`). */
  operation?: string;
  /** Requests sent first, in order: the first use of an `Idempotency-Key`, a resource to conflict with. */
  before?: TriggerRequest[];
}

/** A code (or a whole operation) accepted as not probed, and why. */
export interface NotProbed {
  code?: string;
  operation?: string;
  reason: string;
}

export interface ContractConfig {
  /** The server (the CLI's `--base-url` wins). */
  baseUrl?: string;
  auth?: {
    /** Header that carries the key (default `Authorization`). */
    header?: string;
    /** Prefix before the key (default `Bearer`; empty string for none). */
    scheme?: string;
    /** A working key, or `env:NAME` to read it from the environment. */
    key?: string;
    /** Keys that produce auth codes: `{ INVALID_API_KEY: sk_wrong, MISSING_API_KEY: null }` (null: no header). */
    keys?: Record<string, string | null>;
  };
  /** The response header that carries the request id, echoed as `request_id` (default `X-Request-Id`). */
  requestIdHeader?: string;
  /** The server honours `Errata-Simulate: <CODE>` (default false). */
  simulate?: boolean;
  /** Percent of the declared codes that may be proven only by simulation (default 100). */
  maxSimulated?: number;
  /** Cause what the spec says how to cause (malformed JSON, a missing field…) for real (default true). */
  builtinTriggers?: boolean;
  /** The server's body limit in bytes: one byte over must be `REQUEST_TOO_LARGE`. */
  requestLimitBytes?: number;
  /** Values for path parameters, by name. */
  pathParams?: Record<string, string>;
  /** Fuzz runs per operation (default 20; 0: no fuzzing). */
  fuzzRuns?: number;
  /** The fuzzer's seed (default 42): the same seed sends the same requests. */
  seed?: number;
  /** Only these operations are in scope (with the spec's `x-errata-adopt` marker). */
  operations?: string[];
  triggers?: RecordedTrigger[];
  /** Codes or operations accepted as not probed: without one, a declared code never probed fails the run. */
  notProbed?: NotProbed[];
}

/** The config file is malformed: the message names the file and each field, with a did-you-mean. */
export class ContractConfigError extends Error {
  override readonly name = 'ContractConfigError';
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(configSchema);

/** `/triggers/0/code` → `triggers[0].code`. */
function fieldPath(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  return (
    parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i ? '.' : ''}${p.replace(/~1/g, '/')}`)).join('') || 'the file'
  );
}

/** The schema node that describes `pointer` (object properties and array items only, as the schema is). */
function schemaAt(pointer: string): { properties?: Record<string, unknown> } | undefined {
  let node = configSchema as { properties?: Record<string, unknown>; items?: unknown } | undefined;
  for (const part of pointer.split('/').slice(1))
    node = (/^\d+$/.test(part) ? node?.items : node?.properties?.[part]) as typeof node;
  return node;
}

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

function describe(error: ErrorObject, root: unknown): string | undefined {
  const at = fieldPath(error.instancePath);
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schemaAt(error.instancePath)?.properties ?? {});
      const where = error.instancePath ? `${at}.${key}` : key;
      return `${where}: unknown key${didYouMean(key, known)}; known: ${known.join(', ')}`;
    }
    case 'type':
      return `${at}: must be ${(error.params as { type: string | string[] }).type}, got ${typeName(value)}`;
    case 'required':
      return `${at}: ${(error.params as { missingProperty: string }).missingProperty} is required`;
    case 'anyOf':
      return `${at}: needs a code or an operation`;
    case 'if':
      return undefined;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Checks a parsed config against the shipped JSON Schema; throws `ContractConfigError` listing every problem.
 *
 * @example
 * checkConfigShape({ trigers: [] }, 'errata-contract.yaml');
 * // throws: errata-contract.yaml: trigers: unknown key (did you mean "triggers"?); known: …
 */
export function checkConfigShape(raw: unknown, file: string): asserts raw is ContractConfig {
  if (validate(raw)) return;
  // A `required` inside anyOf repeats what the anyOf line says; keep one line per problem.
  const lines = (validate.errors ?? [])
    .filter((e) => !e.schemaPath.includes('/anyOf/'))
    .map((e) => describe(e, raw))
    .filter((line): line is string => line !== undefined);
  throw new ContractConfigError([...new Set(lines)].map((line) => `${file}: ${line}`).join('\n'));
}

/**
 * Reads a config file (YAML or JSON), checks it against the shipped schema; `env:NAME` keys are read from `env`.
 *
 * @example
 * const config = loadContractConfig('errata-contract.yaml'); // { auth: { key: 'sk_…' }, simulate: true, … }
 */
export function loadContractConfig(file: string, env: NodeJS.ProcessEnv = process.env): ContractConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ContractConfigError(`${file}: ${(error as Error).message}`);
  }
  checkConfigShape(raw, file);
  const config = raw;
  const key = config.auth?.key;
  if (typeof key === 'string' && key.startsWith('env:')) {
    const value = env[key.slice(4)];
    if (!value)
      throw new ContractConfigError(
        `${file}: auth.key reads ${key.slice(4)}, which is not set (export it, or set it in the CI step's env)`,
      );
    config.auth = { ...config.auth, key: value };
  }
  return config;
}
