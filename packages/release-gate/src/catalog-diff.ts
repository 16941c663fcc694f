/**
 * The catalog-aware rules no generic OpenAPI differ knows. Consumers switch on error codes, on their
 * status and on their retry policy; so removing or changing any of those breaks them (major), while
 * adding a code is minor: a well-behaved consumer already handles codes it does not know (see
 * .changeset/README.md). Texts are patch.
 *
 * @example
 * catalogChanges(released, current).filter((c) => c.impact === 'major');
 */
import { createSpecModel, type OpenApiDocument, type SpecModel, type XError } from '@errata/spec-model';
import type { Impact, SpecChange } from './impact.js';
import { statusDefaultChanges } from './status-default-diff.js';

const change = (impact: Impact, rule: string, message: string): SpecChange => ({
  impact,
  rule,
  message,
  source: 'errata',
});

// Metadata a consumer may branch on: changing any of these is breaking.
const BREAKING_FIELDS = [
  ['status', 'status-changed'],
  ['internal_code', 'internal-code-changed'],
  ['retry', 'retry-policy-changed'],
  ['category', 'category-changed'],
] as const;
const TEXT_FIELDS = ['message', 'remedy'] as const;

// `METHOD /path (operationId)` → the codes its error responses (4xx, 5xx) declare.
function operationCodes(model: SpecModel): Map<string, Set<string>> {
  return new Map(
    model.operations.map((op) => [
      `${op.method} ${op.path} (${op.operationId})`,
      new Set(op.responses.filter((response) => response.status >= 400).flatMap((response) => response.codes)),
    ]),
  );
}

export function catalogChanges(base: OpenApiDocument, revision: OpenApiDocument): SpecChange[] {
  const changes: SpecChange[] = [];
  const [baseModel, revisionModel] = [createSpecModel(base), createSpecModel(revision)];
  const before = baseModel.errors;
  const after = revisionModel.errors;

  for (const [code, old] of before) {
    const now = after.get(code);
    if (!now) {
      changes.push(change('major', 'code-removed', `Error code ${code} was removed from the catalog.`));
      continue;
    }
    for (const [field, rule] of BREAKING_FIELDS) {
      if (old.meta[field] !== now.meta[field])
        changes.push(change('major', rule, `${code}: ${field} changed from ${old.meta[field]} to ${now.meta[field]}.`));
    }
    for (const field of TEXT_FIELDS) {
      if (old.meta[field] !== now.meta[field])
        changes.push(change('patch', 'error-text-changed', `${code}: ${field} reworded.`));
    }
    if (old.title !== now.title || old.description !== now.description)
      changes.push(change('patch', 'error-text-changed', `${code}: title or description reworded.`));
    if (JSON.stringify(old.examples) !== JSON.stringify(now.examples))
      changes.push(change('patch', 'error-example-changed', `${code}: examples changed.`));
    changes.push(...crosswalkChanges(code, old.meta.crosswalk ?? {}, now.meta.crosswalk ?? {}));
    changes.push(...midStreamChanges(code, old.meta.mid_stream, now.meta.mid_stream));
  }
  for (const code of after.keys()) {
    if (!before.has(code)) changes.push(change('minor', 'code-added', `Error code ${code} was added to the catalog.`));
  }

  changes.push(...statusDefaultChanges(baseModel, revisionModel));

  const opsBefore = operationCodes(baseModel);
  const opsAfter = operationCodes(revisionModel);
  for (const [operation, codes] of opsBefore) {
    const now = opsAfter.get(operation);
    if (!now) continue; // a removed operation is Redocly's path-removed/operation-removed (major)
    for (const code of codes)
      if (!now.has(code))
        changes.push(change('major', 'operation-code-removed', `${operation} no longer returns ${code}.`));
  }
  for (const [operation, codes] of opsAfter) {
    const before = opsBefore.get(operation);
    if (!before) continue; // a new operation is Redocly's path-added/operation-added (minor)
    for (const code of codes)
      if (!before.has(code))
        changes.push(change('minor', 'operation-code-added', `${operation} may now return ${code}.`));
  }
  return changes;
}

// A stream consumer handles exactly the codes that can end a stream: a new one is minor (as for any
// new code); one that can no longer occur, or whose retry safety flips, changes their handling.
function midStreamChanges(code: string, before: XError['mid_stream'], after: XError['mid_stream']): SpecChange[] {
  if (!before && after) return [change('minor', 'mid-stream-added', `${code} can now end a stream.`)];
  if (before && !after) return [change('major', 'mid-stream-removed', `${code} no longer says it can end a stream.`)];
  if (before && after && before.retry_safe !== after.retry_safe)
    return [
      change(
        'major',
        'mid-stream-retry-safe-changed',
        `${code}: retry_safe mid-stream changed from ${before.retry_safe} to ${after.retry_safe}.`,
      ),
    ];
  if (before?.note !== after?.note)
    return [change('patch', 'error-text-changed', `${code}: mid-stream note reworded.`)];
  return [];
}

function crosswalkChanges(
  code: string,
  before: Record<string, unknown[]>,
  after: Record<string, unknown[]>,
): SpecChange[] {
  const keys = (walk: Record<string, unknown[]>) =>
    new Set(
      Object.entries(walk).flatMap(([provider, entries]) =>
        (entries ?? []).map((e) => `${provider} ${JSON.stringify(e)}`),
      ),
    );
  const old = keys(before);
  const now = keys(after);
  return [
    ...[...old]
      .filter((k) => !now.has(k))
      .map((k) =>
        change(
          'major',
          'crosswalk-entry-removed',
          `${code}: crosswalk entry ${k} was removed (normalization changes).`,
        ),
      ),
    ...[...now]
      .filter((k) => !old.has(k))
      .map((k) => change('minor', 'crosswalk-entry-added', `${code}: crosswalk entry ${k} was added.`)),
  ];
}
