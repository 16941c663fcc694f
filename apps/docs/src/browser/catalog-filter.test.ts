import { describe, expect, it } from 'vitest';
import { matchReasons, parseQuery, rank, type SearchEntry } from './catalog-filter.js';

const field = (label: string, weight = 2) => ({ label, text: label.toLowerCase(), weight });
const entry = (
  code: string,
  status: string,
  internal: [string, string][],
  fields: string[],
  flags: string[] = [],
): SearchEntry => ({
  code,
  status,
  internalCodes: internal.map(([value, label]) => ({ value, label })),
  flags,
  fields: [
    { label: `code ${code}`, text: `${code} ${code.replace(/_/g, ' ')}`.toLowerCase(), weight: 6 },
    ...fields.map((f) => field(f, f.includes('Workers AI') ? 4 : 2)),
  ],
});
const quota = entry(
  'DAILY_QUOTA_EXCEEDED',
  '429',
  [
    ['4004', 'Errata internal code 4004'],
    ['3036', 'Workers AI 3036'],
  ],
  ['daily quota exceeded'],
);
const missing = entry(
  'MODEL_NOT_FOUND',
  '404',
  [
    ['3003', 'Errata internal code 3003'],
    ['3042', 'Workers AI 3042'],
  ],
  ['model not found', 'Workers AI 3042 “Invalid model ID”'],
);
const noSuch = entry(
  'NO_SUCH_MODEL_OR_TASK',
  '400',
  [
    ['2203', 'Errata internal code 2203'],
    ['5007', 'Workers AI 5007'],
  ],
  ['Workers AI 5007 “No such model”', 'ModelsLab bodies carry messege'],
);
const unreachable = entry(
  'IMAGE_URL_UNREACHABLE',
  '400',
  [['2301', 'Errata internal code 2301']],
  ['no such host: the image url could not be fetched, the model got no image'],
);
const server = entry(
  'INTERNAL_ERROR',
  '500',
  [['6001', 'Errata internal code 6001']],
  ['internal server error can end a stream'],
  ['stream'],
);
const gateway = entry('BAD_GATEWAY', '502', [['6003', 'Errata internal code 6003']], ['the upstream failed']);
const all = [quota, missing, noSuch, unreachable, server, gateway];
const codes = (list: SearchEntry[]) => list.map((e) => e.code);

describe('the catalog filter: what matches', () => {
  it.each([
    { name: 'an empty query matches everything', given: '', want: codes(all) },
    { name: 'a code', given: 'MODEL_NOT_FOUND', want: ['MODEL_NOT_FOUND'] },
    { name: 'a code with spaces for underscores', given: 'model not found', want: ['MODEL_NOT_FOUND'] },
    { name: 'a full internal code of another provider', given: '3036', want: ['DAILY_QUOTA_EXCEEDED'] },
    { name: 'the start of an internal code', given: '30', want: ['DAILY_QUOTA_EXCEEDED', 'MODEL_NOT_FOUND'] },
    { name: 'a status (three digits never match internal codes)', given: '404', want: ['MODEL_NOT_FOUND'] },
    {
      name: 'a status class',
      given: '4xx',
      want: ['DAILY_QUOTA_EXCEEDED', 'MODEL_NOT_FOUND', 'NO_SUCH_MODEL_OR_TASK', 'IMAGE_URL_UNREACHABLE'],
    },
    { name: 'the stream keyword: flagged codes only, not "upstream"', given: 'stream', want: ['INTERNAL_ERROR'] },
    { name: 'a synonym of the stream keyword', given: 'Mid-Stream', want: ['INTERNAL_ERROR'] },
    { name: 'a longer word containing the keyword is a word', given: 'upstream', want: ['BAD_GATEWAY'] },
    { name: 'words, all of which must match', given: 'internal error', want: ['INTERNAL_ERROR'] },
    { name: 'a word and a status', given: 'quota 404', want: [] },
    { name: 'a field a provider’s bodies carry', given: 'messege', want: ['NO_SUCH_MODEL_OR_TASK'] },
    { name: 'case and extra spaces do not matter', given: '  QUOTA   ', want: ['DAILY_QUOTA_EXCEEDED'] },
    { name: 'a quoted phrase matches as written', given: '"quota exceeded"', want: ['DAILY_QUOTA_EXCEEDED'] },
    { name: 'a quoted phrase in another order does not', given: '"exceeded quota"', want: [] },
    { name: 'an unclosed quote is a phrase to the end', given: '"model not', want: ['MODEL_NOT_FOUND'] },
  ])('$name', ({ given, want }) => {
    const terms = parseQuery(given);
    expect(codes(all.filter((e) => matchReasons(e, terms)))).toEqual(want);
  });
});

describe('the catalog filter: best first, and why', () => {
  it.each([
    {
      name: "a provider's name for the error beats the same words scattered",
      given: 'No such model',
      want: { first: 'NO_SUCH_MODEL_OR_TASK', reason: 'Workers AI 5007 “No such model”' },
    },
    {
      name: 'an internal code says whose it is',
      given: '3042',
      want: { first: 'MODEL_NOT_FOUND', reason: 'Workers AI 3042' },
    },
    {
      name: 'a code says it was the code',
      given: 'daily_quota_exceeded',
      want: { first: 'DAILY_QUOTA_EXCEEDED', reason: 'code DAILY_QUOTA_EXCEEDED' },
    },
    { name: 'a status says so', given: '500', want: { first: 'INTERNAL_ERROR', reason: 'HTTP 500' } },
    {
      name: 'a body field says which provider carries it',
      given: 'messege',
      want: { first: 'NO_SUCH_MODEL_OR_TASK', reason: 'ModelsLab bodies carry messege' },
    },
  ])('$name', ({ given, want }) => {
    const [top] = rank(all, parseQuery(given));
    expect(top?.entry.code).toBe(want.first);
    expect(top?.reasons).toContain(want.reason);
  });
});
