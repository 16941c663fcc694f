/**
 * The `detect` rules of spec/providers.yaml compiled for `detectProvider`: each body rule once (the
 * hosts that share OpenAI's shape share its rules), heaviest first, its tests reading the members a
 * body's listing has already found, and the headers only one provider sends.
 */
import { type ProviderId, providers } from '@errata/types';
import { type CompiledPath, compilePath, readPath } from './dotted-path.js';
import { firstChars } from './first-chars.js';

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
type Condition = string | number | boolean | { type?: JsonType; pattern?: string };
interface DetectRules {
  headers?: readonly string[];
  body?: readonly Record<string, Condition>[];
  shape?: string;
}

// How a test checks a value's JSON type, as a number (a switch on it costs less than comparing names).
const TYPES = { string: 1, number: 2, boolean: 3, object: 4, array: 5, null: 6 } as const;

/**
 * A member name the rules read: its bit in a body's mask (0 once 31 are taken: a member that never
 * rules a rule out) and its slot, where listing a body puts its value.
 */
export interface Member {
  bit: number;
  slot: number;
}
/** A top-level member, and the members of it that the rules read (`error` → `code`, `message`, …). */
export interface Top extends Member {
  members: Map<string, Member> | undefined;
  all: number;
}

// Every test has every member (one hidden class, so that reading them stays monomorphic).
export interface Test {
  /** Whose slot holds the value: the path's top member's, or its second's (`pair`); -1: read the path. */
  pair: boolean;
  slot: number;
  /** What is left of the path below that member (`errorcode` of `fault.detail.errorcode`). */
  rest: CompiledPath | undefined;
  /** The whole path, read when the body's listing is not to be trusted (a class instance's members). */
  path: CompiledPath;
  /** Whether the value must equal `equals` (a condition written as a bare value). */
  exact: boolean;
  equals: unknown;
  /** The JSON type the value must have (`TYPES`), 0 for any. */
  type: number;
  pattern: RegExp | undefined;
  /**
   * The characters a match of the pattern must begin with, when its source says (`firstChars`): by
   * character code, so that a value's first character is looked at without a call.
   */
  first: Set<number> | undefined;
}
export interface Rule {
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

export interface Rules {
  byHeader: Map<string, ProviderId>;
  /** Every body rule once, heaviest first: a scan stops at the first rule lighter than a match. */
  rules: Rule[];
  tops: Map<string, Top>;
  /** Where listing a body puts the values of its top members and of their members, by slot. */
  topValues: unknown[];
  pairValues: unknown[];
  shapes: Map<ProviderId, string>;
  ids: ProviderId[];
}

// A member's bit (the next free one, or 0 once 31 are taken) and slot, found or added.
function memberOf<M extends Member>(members: Map<string, M>, name: string, make: (member: Member) => M, count: number) {
  let member = members.get(name);
  if (!member) {
    member = make({ bit: count < 31 ? 1 << count : 0, slot: count });
    members.set(name, member);
  }
  return member;
}

const codesOf = (chars: string | undefined): Set<number> | undefined =>
  chars === undefined ? undefined : new Set(Array.from(chars, (c) => c.charCodeAt(0)));

export function compileRules(): Rules {
  const ids = Object.keys(providers) as ProviderId[];
  const byHeader = new Map<string, ProviderId>();
  const shapes = new Map<ProviderId, string>();
  const tests = new Map<string, Test>();
  const tops = new Map<string, Top>();
  let pairCount = 0;
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
        const [name, memberName, ...rest] = compilePath(path);
        const top = memberOf(tops, name!, (m) => ({ ...m, members: undefined, all: 0 }), tops.size);
        compiledRule.tops |= top.bit;
        // One mask for the members of every top: `error.code` and `details.code` are different bits.
        let member: Member | undefined;
        if (memberName !== undefined) {
          top.members ??= new Map();
          const before = top.members.size;
          member = memberOf(top.members, memberName, (m) => m, pairCount);
          if (top.members.size > before) pairCount++;
          top.all |= member.bit;
          compiledRule.pairs |= member.bit;
        }
        const key = JSON.stringify([path, condition]);
        let test = tests.get(key);
        if (!test) {
          const exact = typeof condition !== 'object';
          // A member with no bit may be missing from a body that reaches the test: its path is read.
          const at = member ?? top;
          const listed = at.bit !== 0 && name !== '*' && memberName !== '*';
          test = {
            pair: member !== undefined,
            slot: listed ? at.slot : -1,
            rest: rest.length ? rest : undefined,
            path: compilePath(path),
            exact,
            equals: exact ? condition : undefined,
            type: exact || !condition.type ? 0 : TYPES[condition.type],
            pattern: !exact && condition.pattern ? new RegExp(condition.pattern, 'i') : undefined,
            first: !exact && condition.pattern ? codesOf(firstChars(condition.pattern)) : undefined,
          };
          tests.set(key, test);
        }
        (compiledRule.tests as Test[]).push(test);
        compiledRule.weight += typeof condition !== 'object' || condition.pattern ? 2 : 1;
      }
      rules.set(same, compiledRule);
    }
  });
  return {
    byHeader,
    // A stable sort: among equals, providers.yaml order.
    rules: [...rules.values()].sort((a, b) => b.weight - a.weight),
    tops,
    topValues: new Array(tops.size).fill(undefined),
    pairValues: new Array(pairCount).fill(undefined),
    shapes,
    ids,
  };
}

/** Whether the body holds what the test asks, its value taken from the body's listing where that can be trusted. */
export function holds(test: Test, body: object, c: Rules, listed: boolean): boolean {
  let value: unknown;
  if (!listed || test.slot < 0) value = readPath(body, test.path);
  else {
    value = test.pair ? c.pairValues[test.slot] : c.topValues[test.slot];
    if (test.rest !== undefined) value = readPath(value, test.rest);
  }
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
  const { pattern, first } = test;
  if (!pattern) return true;
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  // A value that does not begin the way every match does is ruled out without running the pattern.
  return text !== undefined && (first === undefined || first.has(text.charCodeAt(0))) && pattern.test(text);
}
