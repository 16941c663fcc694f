// The adopter's config file: how to authenticate, which keys produce which auth errors, whether
// the server honours Errata-Simulate, and recorded requests that cause codes for real. Nothing in
// it is Errata's sandbox: every fact about the server under test comes from here.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isObject } from '../internal/is-object.js';

/** A request that makes the server answer `code` on `operation`: any of its parts replaces the example request's. */
export interface RecordedTrigger {
  code: string;
  /** The operationId (default: every operation declaring `code`). */
  operation?: string;
  /** The path, parameters filled in (default the operation's, filled from `pathParams`). */
  path?: string;
  /** The JSON body (default the operation's first example). */
  body?: unknown;
  /** Extra or replaced headers; `null` removes one (e.g. `Authorization: null`). */
  headers?: Record<string, string | null>;
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
  /** The server honours `Errata-Simulate: <CODE>` (default false). */
  simulate?: boolean;
  /** Values for path parameters, by name. */
  pathParams?: Record<string, string>;
  triggers?: RecordedTrigger[];
}

/** The config file is malformed: the message names the file and the field. */
export class ContractConfigError extends Error {
  override readonly name = 'ContractConfigError';
}

/**
 * Reads a config file (YAML or JSON) and checks its shape; `env:NAME` keys are read from `env`.
 *
 * @example
 * const config = loadContractConfig('errata-contract.yaml'); // { auth: { key: 'sk_…' }, simulate: true, … }
 */
export function loadContractConfig(file: string, env: NodeJS.ProcessEnv = process.env): ContractConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContractConfigError(`${file}: ${(error as Error).message}`);
  }
  const fail = (field: string, wanted: string): never => {
    throw new ContractConfigError(`${file}: ${field} must be ${wanted}`);
  };
  if (!isObject(raw ?? {})) fail('the file', 'an object');
  const config = (raw ?? {}) as ContractConfig;
  if (config.auth !== undefined && !isObject(config.auth)) fail('auth', 'an object');
  if (config.auth?.keys !== undefined && !isObject(config.auth.keys)) fail('auth.keys', 'a map of CODE: key (or null)');
  if (config.simulate !== undefined && typeof config.simulate !== 'boolean') fail('simulate', 'true or false');
  if (config.triggers !== undefined && !Array.isArray(config.triggers)) fail('triggers', 'a list');
  config.triggers?.forEach((t, i) => {
    if (!isObject(t) || typeof t.code !== 'string') fail(`triggers[${i}].code`, 'a code');
  });
  const key = config.auth?.key;
  if (typeof key === 'string' && key.startsWith('env:')) {
    const value = env[key.slice(4)];
    if (!value) throw new ContractConfigError(`${file}: auth.key reads ${key.slice(4)}, which is not set`);
    config.auth = { ...config.auth, key: value };
  }
  return config;
}
