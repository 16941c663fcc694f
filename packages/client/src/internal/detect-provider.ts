/**
 * Who sent an error body nobody named: the `detect` rules of spec/providers.yaml (headers only one
 * provider sends, body rules only its shape has), compiled once on first use. A header wins
 * outright; otherwise the most specific body rule does (an exact value or a pattern weighs 2, a type 1), and
 * where several providers' rules match equally — the hosts that share OpenAI's shape — all of them
 * are the candidates, in providers.yaml order, and the caller reads the body with all their
 * crosswalks.
 */
import type { ProviderId } from '@errata/types';
import type { HeaderSource } from '../retry-policy.js';
import { compileRules, holds, type Member, type Rule, type Rules, type Top } from './detect-rules.js';

/** Who the response looks like it came from, and how that was told. */
export interface Detection {
  among: readonly ProviderId[];
  by: 'header' | 'body';
  /** The shape the candidates share (`openai-compatible`), when there are several. */
  shape?: string | undefined;
}

interface Compiled extends Rules {
  /** The rules a body can satisfy by the members it has (its `tops`, then its `pairs`). */
  byShape: Map<number, Map<number, Shape>>;
  /** The shape of the last body: the next is most often of the same (one provider's errors). */
  last: Shape | undefined;
  /** How listing the last body of that shape went (`relist`), when its slots could be trusted and it was short. */
  trace: unknown[] | undefined;
  shapesSeen: number;
  /** The answer for each set of providers (a bit mask in providers.yaml order), built on first use. */
  answers: Map<number, Detection>;
}
let compiled: Compiled | undefined;

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
function allHold(rule: Rule, body: object, c: Compiled, listed: boolean): boolean {
  const { tests } = rule;
  for (let i = 0; i < tests.length; i++) if (!holds(tests[i]!, body, c, listed)) return false;
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

// A body listed the way the last one was (the same member names in the same order, each top's
// members where it had them): its slots are filled by comparing names, without looking any up, and
// its shape is the last one's. `false` (nothing to trust) as soon as a name differs.
const SCALAR = Symbol('a top without members');
const END = Symbol('the end of a top’s members');
const MAX_TRACE = 64;
function relist(c: Compiled, body: object, trace: unknown[]): boolean {
  let at = 0;
  for (const name in body) {
    if (trace[at] !== name) return false;
    const top = trace[at + 1] as Top | undefined;
    at += 2;
    if (top === undefined) continue;
    const value = (body as Record<string, unknown>)[name];
    c.topValues[top.slot] = value;
    if (!top.members) continue;
    if (value === null || typeof value !== 'object') {
      if (trace[at++] !== SCALAR) return false;
      continue;
    }
    if (trace[at] === SCALAR || Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const key in value) {
      if (trace[at] !== key) return false;
      const member = trace[at + 1] as Member | undefined;
      at += 2;
      if (member !== undefined) c.pairValues[member.slot] = (value as Record<string, unknown>)[key];
    }
    if (trace[at++] !== END) return false;
  }
  return at === trace.length;
}

/**
 * The provider(s) whose error this looks like, or `undefined` when no rule matches.
 *
 * @example
 * detectProvider({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined);
 * // { among: ['anthropic'], by: 'body' }
 */
export function detectProvider(body: unknown, headers: HeaderSource): Detection | undefined {
  compiled ??= {
    ...compileRules(),
    byShape: new Map(),
    last: undefined,
    trace: undefined,
    shapesSeen: 0,
    answers: new Map(),
  };
  const c = compiled;
  const header = byHeader(headers, c.byHeader);
  if (header) return answer(c, 1 << c.ids.indexOf(header), 'header');
  if (body === null || typeof body !== 'object') return undefined;
  let listed = true;
  let shape = c.last;
  if (!shape || !c.trace || !relist(c, body, c.trace)) {
    // Which of the members the rules read the body has (a rule that reads one it lacks is passed over
    // without a test), their values put in their slots on the way: read in the listing's own loop, a
    // member costs least. A member that is no plain object (a class's getters are not enumerable)
    // rules nothing out, and its members are read by path.
    let tops = 0;
    let pairs = 0;
    const trace: unknown[] = [];
    for (const name in body) {
      const top = c.tops.get(name);
      trace.push(name, top);
      if (top === undefined) continue;
      tops |= top.bit;
      const value = (body as Record<string, unknown>)[name];
      c.topValues[top.slot] = value;
      const { members } = top;
      if (!members) continue;
      if (value === null || typeof value !== 'object') {
        trace.push(SCALAR);
        continue;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) {
        pairs |= top.all;
        listed = false;
        continue;
      }
      for (const key in value) {
        const member = members.get(key);
        trace.push(key, member);
        if (member === undefined) continue;
        pairs |= member.bit;
        c.pairValues[member.slot] = (value as Record<string, unknown>)[key];
      }
      trace.push(END);
    }
    c.trace = listed && trace.length <= MAX_TRACE ? trace : undefined;
    shape = candidates(c, tops, pairs);
  }
  let mask = 0;
  let best = 0;
  const { rules } = shape;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.weight < best) break;
    // A rule as heavy as the match that names no provider the match lacks can add nothing.
    if (best && (rule.providers & ~mask) === 0) continue;
    if (!allHold(rule, body, c, listed)) continue;
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
