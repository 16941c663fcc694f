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

// How a test checks a value's JSON type, as a number (a switch on it costs less than comparing names).
const TYPES = { string: 1, number: 2, boolean: 3, object: 4, array: 5, null: 6 } as const;

// Every test has every member (one hidden class, so that reading them stays monomorphic).
interface Test {
  /** Its path's first member, and its second when the path has exactly two plain members (read without a call). */
  top: string;
  member: string | undefined;
  /** The whole path, for those of one or of three and more members. */
  path: CompiledPath | undefined;
  /** Whether the value must equal `equals` (a condition written as a bare value). */
  exact: boolean;
  equals: unknown;
  /** The JSON type the value must have (`TYPES`), 0 for any. */
  type: number;
  pattern: RegExp | undefined;
}
interface Rule {
  /** Every provider whose rules include this one (the OpenAI-compatible hosts share theirs), as a bit mask. */
  providers: number;
  /** Its tests (a test several rules share is one object). */
  tests: readonly Test[];
  /** How much the rule says: a path holding an exact value or matching a pattern weighs 2, a type 1. */
  weight: number;
  /** The top-level members (`error`) and members of those (`error.type`) its tests read, as bit masks. */
  tops: number;
  pairs: number;
}

function read(test: Test, body: object): unknown {
  if (test.path !== undefined) return readPath(body, test.path);
  const value = (body as Record<string, unknown>)[test.top];
  if (test.member === undefined) return value;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[test.member] : undefined;
}

function holds(test: Test, body: object): boolean {
  const value = read(test, body);
  if (value === undefined) return false;
  if (test.exact) return value === test.equals;
  switch (test.type) {
    case 0:
      break;
    case TYPES.string:
      if (typeof value !== 'string') return false;
      break;
    case TYPES.number:
      if (typeof value !== 'number') return false;
      break;
    case TYPES.boolean:
      if (typeof value !== 'boolean') return false;
      break;
    case TYPES.object:
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
      break;
    case TYPES.array:
      if (!Array.isArray(value)) return false;
      break;
    default:
      if (value !== null) return false;
  }
  const { pattern } = test;
  if (!pattern) return true;
  if (typeof value === 'string') return pattern.test(value);
  return typeof value === 'number' && pattern.test(String(value));
}

interface Compiled {
  byHeader: Map<string, ProviderId>;
  /** Every body rule once, heaviest first: a scan stops at the first rule lighter than a match. */
  rules: Rule[];
  /** A bit per member name the rules read at the top, and per member of those (by top): 0 past 31 (never ruled out). */
  topBits: Map<string, number>;
  pairBits: Map<string, { bits: Map<string, number>; all: number }>;
  /** The rules a body can satisfy by the members it has (its `tops`, then its `pairs`). */
  byShape: Map<number, Map<number, Shape>>;
  /** The shape of the last body: the next is most often of the same (one provider's errors). */
  last: Shape | undefined;
  shapesSeen: number;
  /** The answer for each set of providers (a bit mask in providers.yaml order), built on first use. */
  answers: Map<number, Detection>;
  shapes: Map<ProviderId, string>;
  ids: ProviderId[];
}
let compiled: Compiled | undefined;

// The next free bit of a mask, or 0 (no bit: a member that never rules a rule out) once 31 are taken.
function bitOf(bits: Map<string, number>, name: string): number {
  let bit = bits.get(name);
  if (bit === undefined) {
    bit = bits.size < 31 ? 1 << bits.size : 0;
    bits.set(name, bit);
  }
  return bit;
}

function compile(): Compiled {
  const ids = Object.keys(providers) as ProviderId[];
  const byHeader = new Map<string, ProviderId>();
  const shapes = new Map<ProviderId, string>();
  const tests = new Map<string, Test>();
  const topBits = new Map<string, number>();
  const pairBits = new Map<string, { bits: Map<string, number>; all: number }>();
  const pairIndex = new Map<string, number>();
  const rules = new Map<string, Rule>();
  ids.forEach((id, bit) => {
    const detect = (providers[id] as { detect?: DetectRules }).detect;
    if (!detect) return;
    if (detect.shape) shapes.set(id, detect.shape);
    for (const name of detect.headers ?? []) byHeader.set(name, id);
    for (const rule of detect.body ?? []) {
      const same = JSON.stringify(rule);
      const shared = rules.get(same);
      if (shared) {
        shared.providers |= 1 << bit;
        continue;
      }
      const compiledRule: Rule = { providers: 1 << bit, tests: [], weight: 0, tops: 0, pairs: 0 };
      for (const [path, condition] of Object.entries(rule)) {
        const key = JSON.stringify([path, condition]);
        const [top, member, ...deeper] = compilePath(path);
        let test = tests.get(key);
        if (!test) {
          const exact = typeof condition !== 'object';
          const plain = deeper.length === 0 && top !== '*' && member !== '*';
          test = {
            top: top!,
            member: plain ? member : undefined,
            path: plain ? undefined : compilePath(path),
            exact,
            equals: exact ? condition : undefined,
            type: exact || !condition.type ? 0 : TYPES[condition.type],
            pattern: !exact && condition.pattern ? new RegExp(condition.pattern, 'i') : undefined,
          };
          tests.set(key, test);
        }
        (compiledRule.tests as Test[]).push(test);
        compiledRule.weight += typeof condition !== 'object' || condition.pattern ? 2 : 1;
        compiledRule.tops |= bitOf(topBits, top!);
        if (member === undefined) continue;
        let pairs = pairBits.get(top!);
        if (!pairs) {
          pairs = { bits: new Map(), all: 0 };
          pairBits.set(top!, pairs);
        }
        // One mask for the members of every top: `error.code` and `details.code` are different bits.
        const pairBit = bitOf(pairIndex, `${top}.${member}`);
        pairs.bits.set(member, pairBit);
        pairs.all |= pairBit;
        compiledRule.pairs |= pairBit;
      }
      rules.set(same, compiledRule);
    }
  });
  // A stable sort: among equals, providers.yaml order.
  const sorted = [...rules.values()].sort((a, b) => b.weight - a.weight);
  return {
    byHeader,
    rules: sorted,
    topBits,
    pairBits,
    byShape: new Map(),
    last: undefined,
    shapesSeen: 0,
    answers: new Map(),
    shapes,
    ids,
  };
}
/** A combination of members: the rules a body with them can satisfy, and the last answer they gave. */
interface Shape {
  tops: number;
  pairs: number;
  rules: readonly Rule[];
  mask: number;
  answer: Detection | undefined;
}

// The rules a body with these members can satisfy, heaviest first: found once per combination of
// members (a provider's bodies come in a few shapes), up to a bound, past which they are found per body.
const MAX_SHAPES = 256;
function candidates(c: Compiled, tops: number, pairs: number): Shape {
  const last = c.last;
  if (last && last.tops === tops && last.pairs === pairs) return last;
  let byPairs = c.byShape.get(tops);
  let found = byPairs?.get(pairs);
  if (found) {
    c.last = found;
    return found;
  }
  const rules = c.rules.filter((rule) => (rule.tops & tops) === rule.tops && (rule.pairs & pairs) === rule.pairs);
  found = { tops, pairs, rules, mask: 0, answer: undefined };
  if (c.shapesSeen < MAX_SHAPES) {
    if (!byPairs) {
      byPairs = new Map();
      c.byShape.set(tops, byPairs);
    }
    byPairs.set(pairs, found);
    c.shapesSeen++;
  }
  c.last = found;
  return found;
}

// A test that several rules share runs once per rule: among the few rules a body's members leave,
// a repeat is a type check, cheaper than remembering each test's result per body.
function allHold(rule: Rule, body: object): boolean {
  const { tests } = rule;
  for (let i = 0; i < tests.length; i++) if (!holds(tests[i]!, body)) return false;
  return true;
}

// One answer per set of providers and way of telling, built once: the same array keys the caches
// downstream (paths, crosswalk buckets), so that a detected body finds them by identity.
function answer(c: Compiled, mask: number, by: Detection['by']): Detection {
  const key = by === 'header' ? -mask : mask;
  let found = c.answers.get(key);
  if (!found) {
    const among = c.ids.filter((_, bit) => mask & (1 << bit));
    const shape = among.length > 1 ? c.shapes.get(among[0]!) : undefined;
    found = { among, by, shape: among.every((p) => c.shapes.get(p) === shape) ? shape : undefined };
    c.answers.set(key, found);
  }
  return found;
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
  const c = compiled;
  const header = byHeader(headers, c.byHeader);
  if (header) return answer(c, 1 << c.ids.indexOf(header), 'header');
  if (body === null || typeof body !== 'object') return undefined;
  // Which of the members the rules read the body has: a rule that reads one it lacks is passed over
  // without a test. A member that is no plain object (a class's getters are not enumerable) rules nothing out.
  let tops = 0;
  let pairs = 0;
  for (const top in body) {
    const bit = c.topBits.get(top);
    if (bit === undefined) continue;
    tops |= bit;
    const members = c.pairBits.get(top);
    const inner = members && (body as Record<string, unknown>)[top];
    if (!members || inner === null || typeof inner !== 'object') continue;
    if (Object.getPrototypeOf(inner) !== Object.prototype) pairs |= members.all;
    else for (const member in inner) pairs |= members.bits.get(member) ?? 0;
  }
  let mask = 0;
  let best = 0;
  const shape = candidates(c, tops, pairs);
  const { rules } = shape;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.weight < best) break;
    // A rule as heavy as the match that names no provider the match lacks can add nothing.
    if (best && (rule.providers & ~mask) === 0) continue;
    if (!allHold(rule, body)) continue;
    if (rule.weight > best) mask = 0;
    best = rule.weight;
    mask |= rule.providers;
  }
  if (!mask) return undefined;
  // The same members mostly give the same providers: their answer kept with the shape.
  if (mask !== shape.mask) {
    shape.answer = answer(c, mask, 'body');
    shape.mask = mask;
  }
  return shape.answer;
}
