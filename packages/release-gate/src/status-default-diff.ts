/**
 * What a bare status means (a response whose body names no error: an HTML 502, an empty 503),
 * before and after: the code clients fall back on with no provider named (`defaultCodeByStatus`,
 * which the client ships) and with each provider's normalizer (its entries that match on the
 * status alone). Both are computed from the spec, by votes across providers, so a crosswalk entry
 * added for one provider can move the default for every user: the gate says so.
 *
 * | change | bump | rule |
 * |---|---|---|
 * | a status the released catalog had now means another code (no provider named) | major | `status-default-changed` |
 * | a provider's bare status now means another code | major | `provider-status-default-changed` |
 * | a status new to the catalog (it came with a new code) now has a code | minor | `status-default-added` |
 * | a provider removed (its normalizer is gone) | major | `provider-removed` |
 * | a provider added | minor | `provider-added` |
 *
 * @example
 * statusDefaultChanges(createSpecModel(released), createSpecModel(current)).filter((c) => c.impact === 'major');
 */
import { defaultCodeByStatus, providerStatusDefaults, type SpecModel } from '@errata/spec-model';
import type { Impact, SpecChange } from './impact.js';

const change = (impact: Impact, rule: string, message: string): SpecChange => ({
  impact,
  rule,
  message,
  source: 'errata',
});

interface Defaults {
  any: Record<number, string>;
  byProvider: Record<string, Record<number, string>>;
  providers: string[];
}

function defaultsOf(model: SpecModel): Defaults {
  const errors = [...model.errors.values()];
  return {
    any: defaultCodeByStatus(errors),
    byProvider: providerStatusDefaults(errors),
    providers: Object.keys(model.providers),
  };
}

// A status the table lacks falls back on its class, as @errata/types' defaultCodeFor does at run time.
const withClass = (table: Record<number, string>, status: number): string | undefined =>
  table[status] ?? table[status >= 400 && status < 500 ? 400 : 500];

/** Every change to what a bare status means, with no provider named and for each provider. */
export function statusDefaultChanges(base: SpecModel, revision: SpecModel): SpecChange[] {
  const [before, after] = [defaultsOf(base), defaultsOf(revision)];
  const changes: SpecChange[] = [];
  for (const [key, code] of Object.entries(after.any)) {
    const status = Number(key);
    const old = before.any[status];
    if (old === undefined)
      changes.push(change('minor', 'status-default-added', `A bare ${status} now means ${code} (a new status).`));
    else if (old !== code)
      changes.push(
        change(
          'major',
          'status-default-changed',
          `A bare ${status} now means ${code}, not ${old} (no provider named).`,
        ),
      );
  }
  for (const provider of before.providers.filter((p) => !after.providers.includes(p)))
    changes.push(change('major', 'provider-removed', `Provider ${provider} was removed: its normalizer is gone.`));
  for (const provider of after.providers.filter((p) => !before.providers.includes(p)))
    changes.push(change('minor', 'provider-added', `Provider ${provider} was added.`));
  for (const provider of after.providers.filter((p) => before.providers.includes(p))) {
    const [own, now] = [before.byProvider[provider] ?? {}, after.byProvider[provider] ?? {}];
    for (const status of new Set([...Object.keys(own), ...Object.keys(now)].map(Number))) {
      const was = own[status] ?? withClass(before.any, status);
      const is = now[status] ?? withClass(after.any, status);
      if (was === is) continue;
      // A status new to the catalog that this provider did not map before: it came with a new code.
      const added = before.any[status] === undefined && own[status] === undefined;
      changes.push(
        added
          ? change('minor', 'status-default-added', `${provider}: a bare ${status} now means ${is} (a new status).`)
          : change(
              'major',
              'provider-status-default-changed',
              `${provider}: a bare ${status} now means ${is}, not ${was}.`,
            ),
      );
    }
  }
  return changes;
}
