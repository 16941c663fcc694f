import { describe, expect, it } from 'vitest';
import { matches, parseQuery } from './catalog-filter.js';

const quota = { code: 'DAILY_QUOTA_EXCEEDED', status: '429', internalCodes: ['4004', '3036'], flags: [], text: 'daily_quota_exceeded daily quota exceeded' };
const missing = { code: 'MODEL_NOT_FOUND', status: '404', internalCodes: ['3003', '3042'], flags: [], text: 'model_not_found model not found' };
const server = { code: 'INTERNAL_ERROR', status: '500', internalCodes: ['6001'], flags: ['stream'], text: 'internal_error internal server error can end a stream' };
const gateway = { code: 'BAD_GATEWAY', status: '502', internalCodes: ['6003'], flags: [], text: 'bad_gateway the upstream failed' };
const all = [quota, missing, server, gateway];

describe('the catalog filter', () => {
  it.each([
    { name: 'an empty query matches everything', given: '', want: all },
    { name: 'a code', given: 'MODEL_NOT_FOUND', want: [missing] },
    { name: 'a code with spaces for underscores', given: 'model not found', want: [missing] },
    { name: 'a full internal code of another provider', given: '3036', want: [quota] },
    { name: 'the start of an internal code', given: '30', want: [quota, missing] },
    { name: 'a status (three digits never match internal codes)', given: '404', want: [missing] },
    { name: 'a status class', given: '4xx', want: [quota, missing] },
    { name: 'the stream keyword: flagged codes only, not "upstream"', given: 'stream', want: [server] },
    { name: 'a synonym of the stream keyword', given: 'Mid-Stream', want: [server] },
    { name: 'the stream keyword and a status', given: 'stream 5xx', want: [server] },
    { name: 'a longer word containing the keyword is a word', given: 'upstream', want: [gateway] },
    { name: 'a narrower status class', given: '42x', want: [quota] },
    { name: 'words, all of which must match', given: 'internal error', want: [server] },
    { name: 'a word and a status', given: 'quota 404', want: [] },
    { name: 'case and extra spaces do not matter', given: '  QUOTA   ', want: [quota] },
    { name: 'a quoted phrase matches as written', given: '"quota exceeded"', want: [quota] },
    { name: 'a quoted phrase in another order does not', given: '"exceeded quota"', want: [] },
    { name: 'an unclosed quote is a phrase to the end', given: '"model not', want: [missing] },
  ])('$name', ({ given, want }) => {
    const terms = parseQuery(given);
    expect(all.filter((entry) => matches(entry, terms))).toEqual(want);
  });
});
