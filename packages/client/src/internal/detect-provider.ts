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
  /** Every provider whose rules include this one (the OpenAI-compatible hosts share theirs): tested once. */
  providers: ProviderId[];
  /** The body's top-level member every test reads under: a body without it is skipped at once. */
  top: string;
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

const detections = new Map<number, Detection>();
const byHeaderDetections = new Map<ProviderId, Detection>();

function allHold(tests: Test[], body: unknown): boolean {
  for (const test of tests) if (!holds(test, body)) return false;
  return true;
}

let compiled:
  | {
      byHeader: Map<string, ProviderId>;
      byTop: Map<string, Rule[]>;
      shapes: Map<ProviderId, string>;
      order: Map<ProviderId, number>;
    }
  | undefined;

function compile(): NonNullable<typeof compiled> {
  const byHeader = new Map<string, ProviderId>();
  const rules: Rule[] = [];
  const shapes = new Map<ProviderId, string>();
  const seen = new Map<string, Rule>();
  for (const [id, provider] of Object.entries(providers) as [ProviderId, { detect?: DetectRules }][]) {
    const detect = provider.detect;
    if (!detect) continue;
    if (detect.shape) shapes.set(id, detect.shape);
    for (const name of detect.headers ?? []) byHeader.set(name, id);
    for (const rule of detect.body ?? []) {
      const same = JSON.stringify(rule);
      const shared = seen.get(same);
      if (shared) {
        shared.providers.push(id);
        continue;
      }
      const tests = Object.entries(rule).map(([path, condition]): Test => {
        if (typeof condition !== 'object') return { path: compilePath(path), equals: condition };
        return {
          path: compilePath(path),
          ...(condition.type ? { type: condition.type } : {}),
          ...(condition.pattern ? { pattern: new RegExp(condition.pattern, 'i') } : {}),
        };
      });
      const weight = tests.reduce((sum, test) => sum + ('equals' in test || test.pattern ? 2 : 1), 0);
      const compiledRule: Rule = { providers: [id], top: tests[0]!.path[0]!, tests, weight };
      seen.set(same, compiledRule);
      rules.push(compiledRule);
    }
  }
  // By the top-level member they read, so that a body is tested only against rules that can hold.
  const byTop = new Map<string, Rule[]>();
  for (const rule of rules) byTop.set(rule.top, [...(byTop.get(rule.top) ?? []), rule]);
  const order = new Map((Object.keys(providers) as ProviderId[]).map((id, i) => [id, i]));
  return { byHeader, byTop, shapes, order };
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
  if (header) {
    let found = byHeaderDetections.get(header);
    if (!found) {
      found = { among: [header], by: 'header' };
      byHeaderDetections.set(header, found);
    }
    return found;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const { byTop, order, shapes } = compiled;
  const among: ProviderId[] = [];
  let best = 0;
  for (const top in body) {
    const rules = byTop.get(top);
    if (rules)
      for (const rule of rules) {
        if (rule.weight < best || !allHold(rule.tests, body)) continue;
        if (rule.weight > best) among.length = 0;
        best = rule.weight;
        for (const provider of rule.providers) if (!among.includes(provider)) among.push(provider);
      }
  }
  if (!among.length) return undefined;
  // One answer per set of providers, built once: the same array keys the caches downstream.
  let mask = 0;
  for (const provider of among) mask |= 1 << order.get(provider)!;
  let found = detections.get(mask);
  if (!found) {
    // Ties come in rule order; the providers' own order reads better.
    among.sort((a, b) => order.get(a)! - order.get(b)!);
    const shape = among.length > 1 ? shapes.get(among[0]!) : undefined;
    found = { among, by: 'body', shape: among.every((p) => shapes.get(p) === shape) ? shape : undefined };
    detections.set(mask, found);
  }
  return found;
}
