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

// Every test has every member (one hidden class, so that reading them stays monomorphic).
interface Test {
  path: CompiledPath;
  /** Its path's index among the distinct paths of all tests: tests of one path read it once per body. */
  read: number;
  /** Whether the value must equal `equals` (a condition written as a bare value). */
  exact: boolean;
  equals: unknown;
  type: JsonType | undefined;
  pattern: RegExp | undefined;
}
interface Rule {
  /** Every provider whose rules include this one (the OpenAI-compatible hosts share theirs), as a bit mask. */
  providers: number;
  /** Its tests, as indexes into the distinct tests of all rules: a test several rules share runs once per body. */
  tests: readonly number[];
  /** How much the rule says: a path holding an exact value or matching a pattern weighs 2, a type 1. */
  weight: number;
  /** The top-level members (`error`) and members of those (`error.type`) its tests read, as bit masks. */
  tops: number;
  pairs: number;
}

const typeOf = (v: unknown): JsonType | 'undefined' =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType | 'undefined');

function holds(test: Test, body: unknown, c: Compiled): boolean {
  let value: unknown;
  if (c.readIn[test.read] === run) value = c.values[test.read];
  else {
    value = readPath(body, test.path);
    c.readIn[test.read] = run;
    c.values[test.read] = value;
  }
  if (value === undefined) return false;
  if (test.exact) return value === test.equals;
  if (test.type !== undefined && typeOf(value) !== test.type) return false;
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
  tests: Test[];
  /** Per body, which tests ran (`seen[i] === run`) and what they gave: reset by bumping `run`, no allocation. */
  seen: Uint32Array;
  held: Uint8Array;
  /** Likewise per path: the run that read it last (`readIn[i] === run`), and what it held (kept till the next body). */
  readIn: Uint32Array;
  values: unknown[];
  /** The answer for each set of providers (a bit mask in providers.yaml order), built on first use. */
  answers: Map<number, Detection>;
  shapes: Map<ProviderId, string>;
  ids: ProviderId[];
}
let compiled: Compiled | undefined;
let run = 0;

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
  const tests: Test[] = [];
  const testIndex = new Map<string, number>();
  const readIndex = new Map<string, number>();
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
        let at = testIndex.get(key);
        if (at === undefined) {
          at = tests.length;
          const exact = typeof condition !== 'object';
          tests.push({
            path: compilePath(path),
            read: readIndex.get(path) ?? readIndex.size,
            exact,
            equals: exact ? condition : undefined,
            type: exact ? undefined : condition.type,
            pattern: !exact && condition.pattern ? new RegExp(condition.pattern, 'i') : undefined,
          });
          testIndex.set(key, at);
          if (!readIndex.has(path)) readIndex.set(path, readIndex.size);
        }
        (compiledRule.tests as number[]).push(at);
        compiledRule.weight += typeof condition !== 'object' || condition.pattern ? 2 : 1;
        const [top, member] = tests[at]!.path;
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
    tests,
    seen: new Uint32Array(tests.length),
    held: new Uint8Array(tests.length),
    readIn: new Uint32Array(readIndex.size),
    values: new Array(readIndex.size).fill(undefined),
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

function allHold(rule: Rule, body: unknown, c: Compiled): boolean {
  for (const at of rule.tests) {
    if (c.seen[at] !== run) {
      c.seen[at] = run;
      c.held[at] = holds(c.tests[at]!, body, c) ? 1 : 0;
    }
    if (!c.held[at]) return false;
  }
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
  // A new run: every test's memo from the last body is stale (a wrap-around after 2^32 bodies restarts at 1).
  run = run === 0xffffffff ? 1 : run + 1;
  if (run === 1) {
    c.seen.fill(0);
    c.readIn.fill(0);
  }
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
  for (const rule of shape.rules) {
    if (rule.weight < best) break;
    if (!allHold(rule, body, c)) continue;
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
