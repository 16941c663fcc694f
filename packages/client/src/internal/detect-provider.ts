/**
 * Who sent an error body nobody named: the `detect` rules of spec/providers.yaml (headers only one
 * provider sends, body rules only its shape has), compiled once on first use. A header wins
 * outright; otherwise the most specific body rule does (an exact value or a pattern weighs 2, a type 1), and
 * where several providers' rules match equally — the hosts that share OpenAI's shape — all of them
 * are the candidates, in providers.yaml order, and the caller reads the body with all their
 * crosswalks.
 */
import { type ProviderId, providers } from '@errata/types';
import type { HeaderSource } from '../retry-policy.js';
import { type CompiledPath, compilePath, readPath } from './dotted-path.js';

/** Who the response looks like it came from, and how that was told. */
export interface Detection {
  among: readonly ProviderId[];
  by: 'header' | 'body';
  /** The shape the candidates share (`openai-compatible`), when there are several. */
  shape?: string | undefined;
}

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
type Condition = string | number | boolean | { type?: JsonType; pattern?: string };
interface DetectRules {
  headers?: readonly string[];
  body?: readonly Record<string, Condition>[];
  shape?: string;
}

interface Test {
  path: CompiledPath;
  equals?: unknown;
  type?: JsonType;
  pattern?: RegExp;
}
interface Rule {
  provider: ProviderId;
  tests: Test[];
  /** How much the rule says: a path holding an exact value or matching a pattern weighs 2, a type 1. */
  weight: number;
}

const typeOf = (v: unknown): JsonType | 'undefined' =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType | 'undefined');

function holds(test: Test, body: unknown): boolean {
  const value = readPath(body, test.path);
  if (value === undefined) return false;
  if ('equals' in test) return value === test.equals;
  if (test.type !== undefined && typeOf(value) !== test.type) return false;
  return !test.pattern || ((typeof value === 'string' || typeof value === 'number') && test.pattern.test(`${value}`));
}

let compiled: { byHeader: Map<string, ProviderId>; rules: Rule[]; shapes: Map<ProviderId, string> } | undefined;

function compile(): NonNullable<typeof compiled> {
  const byHeader = new Map<string, ProviderId>();
  const rules: Rule[] = [];
  const shapes = new Map<ProviderId, string>();
  for (const [id, provider] of Object.entries(providers) as [ProviderId, { detect?: DetectRules }][]) {
    const detect = provider.detect;
    if (!detect) continue;
    if (detect.shape) shapes.set(id, detect.shape);
    for (const name of detect.headers ?? []) byHeader.set(name, id);
    for (const rule of detect.body ?? []) {
      const tests = Object.entries(rule).map(([path, condition]): Test => {
        if (typeof condition !== 'object') return { path: compilePath(path), equals: condition };
        return {
          path: compilePath(path),
          ...(condition.type ? { type: condition.type } : {}),
          ...(condition.pattern ? { pattern: new RegExp(condition.pattern, 'i') } : {}),
        };
      });
      const weight = tests.reduce((sum, test) => sum + ('equals' in test || test.pattern ? 2 : 1), 0);
      rules.push({ provider: id, tests, weight });
    }
  }
  // Most specific first, so that the scan can stop once a match is beaten by nothing left.
  rules.sort((a, b) => b.weight - a.weight);
  return { byHeader, rules, shapes };
}

function byHeader(headers: HeaderSource, known: Map<string, ProviderId>): ProviderId | undefined {
  if (!headers) return undefined;
  let found: ProviderId | undefined;
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function')
    (headers as Headers).forEach((_value, name) => {
      found ??= known.get(name);
    });
  else
    for (const name in headers) {
      found = known.get(name.toLowerCase());
      if (found) break;
    }
  return found;
}

/**
 * The provider(s) whose error this looks like, or `undefined` when no rule matches.
 *
 * @example
 * detectProvider({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined);
 * // { among: ['anthropic'], by: 'body' }
 */
export function detectProvider(body: unknown, headers: HeaderSource): Detection | undefined {
  compiled ??= compile();
  const header = byHeader(headers, compiled.byHeader);
  if (header) return { among: [header], by: 'header' };
  if (body === null || typeof body !== 'object') return undefined;
  const among: ProviderId[] = [];
  let best = 0;
  for (const rule of compiled.rules) {
    if (rule.weight < best) break;
    if (among.includes(rule.provider) || !rule.tests.every((test) => holds(test, body))) continue;
    best = rule.weight;
    among.push(rule.provider);
  }
  if (!among.length) return undefined;
  if (among.length === 1) return { among, by: 'body' };
  // Ties come in rule order; the providers' own order reads better and keys the crosswalk cache once.
  const order = Object.keys(providers);
  among.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const shape = compiled.shapes.get(among[0]!);
  return { among, by: 'body', shape: among.every((p) => compiled!.shapes.get(p) === shape) ? shape : undefined };
}
