// Every code of the spec's catalog is decided: caused for real by a trigger of this folder or by a
// built-in trigger the generic suite plans from the spec, or listed in simulate-only.ts with why it
// cannot be. A code added to the spec without either fails
// here with what to decide; so does a code listed in both, or a list entry the spec does not have.
import { createSpecModel, type SpecModel } from '@errata/spec-model';
import { type ErrorCode, taskInputSchemas } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { planProbes } from '../../spec-suite/probes.js';
import { PLACEHOLDER_REQUEST_ID } from '../base-request.js';
import { KEYS_EVERYWHERE, packAuth } from '../errata-pack.js';
import { loadSpec } from '../errata-spec.js';
import { families, familiesByCode, triggersFrom } from './index.js';
import { simulateOnlyCodes } from './simulate-only.js';

interface Decisions {
  catalog: readonly string[];
  /** Code → the families whose triggers cause it. */
  triggered: ReadonlyMap<string, readonly string[]>;
  simulateOnly: Readonly<Record<string, string | undefined>>;
  familyNames: readonly string[];
}

/** What is left to decide, one sentence per code; empty when every code is decided once. */
function undecided({ catalog, triggered, simulateOnly: listed, familyNames }: Decisions): string[] {
  const files = (names: readonly string[]) => names.map((name) => `triggers/${name}.ts`).join(', ');
  const problems: string[] = [];
  for (const code of catalog) {
    const by = triggered.get(code);
    const reason = listed[code];
    if (!by && reason === undefined)
      problems.push(
        `${code} has no trigger: add a trigger in triggers/<family>.ts that causes it (${familyNames.join(', ')}), ` +
          'or add it to simulate-only.ts with the reason it cannot be caused for real',
      );
    if (by && reason !== undefined)
      problems.push(
        `${code} has a trigger (${files(by)}) and is in simulate-only.ts: remove it from simulate-only.ts, ` +
          'or remove the trigger if it does not really cause it',
      );
    if (reason !== undefined && !reason.trim())
      problems.push(`${code} is in simulate-only.ts without a reason: say why it cannot be caused for real`);
  }
  for (const code of Object.keys(listed))
    if (!catalog.includes(code))
      problems.push(`simulate-only.ts lists ${code}, which the spec's catalog does not have: remove it`);
  for (const [code, by] of triggered)
    if (!catalog.includes(code))
      problems.push(`${files(by)} causes ${code}, which the spec's catalog does not have: remove the trigger`);
  return problems;
}

const model: SpecModel = createSpecModel(loadSpec());
// Input-field triggers are derived per task of the server's models; here, for every task the spec has.
const source = { model, tasks: Object.keys(taskInputSchemas) };

/** The pack's triggers by code, then its keys and the built-in triggers Errata's run plans from the spec. */
function triggeredByCode(): Map<string, string[]> {
  const byCode: Map<string, string[]> = familiesByCode(source);
  const keys = Object.fromEntries(KEYS_EVERYWHERE.map((code) => [code, 'k']));
  const config = { auth: packAuth('k', keys), pathParams: { model: 'm', request_id: PLACEHOLDER_REQUEST_ID } };
  for (const probe of planProbes(model, config).filter((p) => (p.via === 'builtin' || p.via === 'auth') && p.code))
    byCode.set(probe.code!, [...new Set([...(byCode.get(probe.code!) ?? []), `spec-${probe.via}`])]);
  return byCode;
}

describe('every catalog code is decided', () => {
  it('by a trigger or by a line in simulate-only.ts, and never both', () => {
    const decisions: Decisions = {
      catalog: [...model.errors.keys()],
      triggered: triggeredByCode(),
      simulateOnly: simulateOnlyCodes,
      familyNames: families.map((family) => family.name),
    };
    expect(undecided(decisions)).toEqual([]);
  });
});

const none = new Map<string, string[]>();
const names = ['auth', 'queue'];
const cases: { name: string; given: Omit<Decisions, 'familyNames'>; want: RegExp[] }[] = [
  {
    name: 'all decided',
    given: { catalog: ['A', 'B'], triggered: new Map([['A', ['auth']]]), simulateOnly: { B: 'why' } },
    want: [],
  },
  {
    name: 'a code with neither',
    given: { catalog: ['A'], triggered: none, simulateOnly: {} },
    want: [/^A has no trigger: add a trigger in triggers\/<family>.ts that causes it \(auth, queue\), or add it to/],
  },
  {
    name: 'a code with both',
    given: { catalog: ['A'], triggered: new Map([['A', ['queue']]]), simulateOnly: { A: 'why' } },
    want: [/^A has a trigger \(triggers\/queue.ts\) and is in simulate-only.ts/],
  },
  {
    name: 'a listed code without a reason',
    given: { catalog: ['A'], triggered: none, simulateOnly: { A: ' ' } },
    want: [/^A is in simulate-only.ts without a reason/],
  },
  {
    name: 'a listed code the spec does not have',
    given: { catalog: [], triggered: none, simulateOnly: { GONE: 'why' } },
    want: [/^simulate-only.ts lists GONE, which the spec's catalog does not have/],
  },
  {
    name: 'a triggered code the spec does not have',
    given: { catalog: [], triggered: new Map([['GONE', ['auth']]]), simulateOnly: {} },
    want: [/^triggers\/auth.ts causes GONE, which the spec's catalog does not have/],
  },
];

describe('undecided', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const problems = undecided({ ...given, familyNames: names });
    expect(problems).toHaveLength(want.length);
    for (const [index, problem] of problems.entries()) expect(problem).toMatch(want[index]!);
  });
});

describe('each trigger says what it proves', () => {
  const declared = (operationId: string): ReadonlySet<string> => {
    if (operationId === 'unrouted') return new Set(model.unroutedResponse?.codes);
    const operation = model.operation(operationId);
    return new Set(operation ? model.declaredCodes(operation).keys() : []);
  };
  it.each(triggersFrom(source).map((trigger) => ({ ...trigger, name: `${trigger.code} on ${trigger.operationId}` })))(
    '$name: a code the operation declares, and how it is caused',
    ({ code, operationId, cause }: { code: ErrorCode; operationId: string; cause: string }) => {
      expect([...declared(operationId)]).toContain(code);
      expect(cause.trim()).not.toBe('');
    },
  );
});
