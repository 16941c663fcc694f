// The policy is a second projection of the spec beside the catalog: it must agree with it on every
// code, and its status defaults must follow the rule in @errata/spec-model's status-defaults.ts.
import { describe, expect, it } from 'vitest';
import { catalog, errorCodes } from './catalog.js';
import { codeFacts, defaultCodeByStatus, defaultCodeFor, isErrorCode } from './policy.js';

describe('codeFacts', () => {
  it('has the catalog’s codes, in the catalog’s order', () => {
    expect(Object.keys(codeFacts)).toEqual(Object.keys(catalog));
    expect(errorCodes).toEqual(Object.keys(catalog));
  });

  it.each(errorCodes.map((code) => ({ name: code, code })))(
    '$name: status, retry, category and mid-stream safety match the catalog',
    ({ code }) => {
      const { status, retry, category, midStream } = catalog[code];
      expect(codeFacts[code]).toEqual(
        midStream === null ? [status, retry, category] : [status, retry, category, Number(midStream.retrySafe)],
      );
    },
  );
});

describe('defaultCodeFor', () => {
  it.each([
    { name: 'the code most providers map the bare 401 to', given: 401, want: 'UNAUTHENTICATED' },
    { name: 'the code most providers map the bare 404 to', given: 404, want: 'RESOURCE_NOT_FOUND' },
    { name: 'the code most providers map the bare 429 to', given: 429, want: 'RATE_LIMIT_EXCEEDED' },
    { name: 'a status no provider maps alone: the lowest internal code (502)', given: 502, want: 'BAD_GATEWAY' },
    { name: 'a status no provider maps alone: the lowest internal code (504)', given: 504, want: 'GATEWAY_TIMEOUT' },
    { name: 'two 408 codes, no votes: the lowest internal code', given: 408, want: 'TIMEOUT' },
    { name: 'the 500 default', given: 500, want: 'INTERNAL_ERROR' },
    { name: 'an unknown 4xx: the 400 default', given: 418, want: defaultCodeByStatus[400] },
    { name: 'an unknown 5xx: the 500 default', given: 599, want: defaultCodeByStatus[500] },
    { name: 'not an error status: the 500 default', given: 200, want: defaultCodeByStatus[500] },
  ])('$given → $want ($name)', ({ given, want }) => {
    expect(defaultCodeFor(given)).toBe(want);
  });

  it('has one code for every status in the catalog, and that code has that status', () => {
    const statuses = [...new Set(Object.values(catalog).map((e) => e.status))].sort();
    expect(Object.keys(defaultCodeByStatus).map(Number).sort()).toEqual(statuses);
    for (const [status, code] of Object.entries(defaultCodeByStatus)) expect(catalog[code].status).toBe(Number(status));
  });
});

describe('isErrorCode', () => {
  it.each([
    { name: 'a catalog code', given: 'MODEL_NOT_FOUND', want: true },
    { name: 'a code this build does not know', given: 'SOMETHING_NEW', want: false },
    { name: 'an inherited property', given: 'toString', want: false },
    { name: 'not a string', given: 404, want: false },
  ])('$name → $want', ({ given, want }) => {
    expect(isErrorCode(given)).toBe(want);
  });
});
