/**
 * The startup check: which codes a spec must declare for the kit's answers to be ones the spec
 * admits. The kit always answers with an envelope (a code missing from the catalog is read from
 * Errata's), but a client generated from the spec only knows what the spec declares: a 413 the
 * operation does not list is a surprise to it. The lint rule `errata/kit-responses` checks the same.
 */
import { lookupPointer, type SpecModel, type SpecOperation } from '@errata/spec-model';
import type { KitCodes } from './kit-codes.js';

/** One code the spec should declare, and why the kit may answer it. */
export interface KitFinding {
  /** The operation that should declare it; undefined when the catalog should hold it at all. */
  operationId: string | undefined;
  code: string;
  status: number;
  why: string;
}

type Need = { code: keyof KitCodes; why: string };

/** What every request may be answered, before any route runs (the parser hooks, the error handler). */
const EVERY_REQUEST: Need[] = [
  { code: 'invalidRequest', why: 'a request line or header the HTTP parser refuses' },
  { code: 'tooLarge', why: 'headers over the parser’s limit' },
  { code: 'timeout', why: 'headers or a body that do not arrive in time' },
  { code: 'internal', why: 'an unexpected error' },
];

/** What an operation may be answered, by what it has. */
const BY_OPERATION: { when: (op: SpecOperation, secured: boolean) => boolean; needs: Need[] }[] = [
  { when: () => true, needs: [{ code: 'internal', why: 'an unexpected error' }] },
  {
    when: (op) => op.requestBody !== undefined,
    needs: [
      { code: 'invalidRequest', why: 'a body that is not JSON, nests too deep, or has the wrong media type' },
      { code: 'tooLarge', why: 'a body over the size limit' },
      { code: 'timeout', why: 'a body that stalls' },
    ],
  },
  {
    when: (_, secured) => secured,
    needs: [
      { code: 'missingKey', why: 'a request without a credential (auth stage)' },
      { code: 'invalidKey', why: 'a credential nobody issued (auth stage)' },
    ],
  },
  {
    when: (op) => op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
    needs: [{ code: 'idempotencyConflict', why: 'an Idempotency-Key reused with another request (idempotency stage)' }],
  },
];

function isSecured(model: SpecModel, op: SpecOperation): boolean {
  const node = lookupPointer(model.document, op.pointer) as { security?: unknown[] };
  const security = node.security ?? (model.document as { security?: unknown[] }).security ?? [];
  // `security: []` or an empty requirement `{}` makes the credential optional.
  return security.length > 0 && !security.some((r) => r && typeof r === 'object' && Object.keys(r).length === 0);
}

/**
 * Every code the kit may answer that `model` does not declare where it would be answered.
 * `status` is the code's status (from the spec, or Errata's catalog when the spec lacks the code).
 *
 * @example
 * for (const f of checkKitCodes(model, ERRATA_KIT_CODES, statusOf)) console.warn(f.operationId, f.code, f.why);
 */
export function checkKitCodes(model: SpecModel, codes: KitCodes, statusOf: (code: string) => number): KitFinding[] {
  const findings: KitFinding[] = [];
  for (const { code, why } of EVERY_REQUEST) {
    const name = codes[code];
    if (!model.errors.has(name)) findings.push({ operationId: undefined, code: name, status: statusOf(name), why });
  }
  for (const op of model.operations) {
    const declared = model.declaredCodes(op);
    const secured = isSecured(model, op);
    const seen = new Set<string>();
    for (const { when, needs } of BY_OPERATION) {
      if (!when(op, secured)) continue;
      for (const { code, why } of needs) {
        const name = codes[code];
        if (declared.has(name) || seen.has(name)) continue;
        seen.add(name);
        findings.push({ operationId: op.operationId, code: name, status: statusOf(name), why });
      }
    }
  }
  return findings;
}
