/** The semver bump a change requires, and the order between bumps. */
export type Impact = 'major' | 'minor' | 'patch';
export type Bump = Impact | 'none';

/** One classified difference between the released spec and the current one. */
export interface SpecChange {
  impact: Impact;
  /** The rule that classified it, e.g. `code-removed` (Errata) or `path-removed` (Redocly). */
  rule: string;
  message: string;
  /** Which classifier saw it: Errata's catalog-aware rules, or Redocly's generic diff. */
  source: 'errata' | 'redocly';
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function isAtLeast(bump: Bump, required: Bump): boolean {
  return RANK[bump] >= RANK[required];
}

/** The largest bump among changes; `none` when there are none. */
export function requiredBump(changes: readonly SpecChange[]): Bump {
  return changes.reduce<Bump>((max, change) => (RANK[change.impact] > RANK[max] ? change.impact : max), 'none');
}
