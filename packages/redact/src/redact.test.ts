// The one table of redaction cases: every package that masks keys (client, contract suite,
// sandbox) calls this module, so the rules are proved here, once.
import { describe, expect, it } from 'vitest';
import { createRedactor, providerKeyPattern, REDACTED, type RedactorOptions, redactHeaders } from './index.js';

const KEY = 'sk_live_4f9a';
const QUOTED = 'sk_"odd\\key';

interface Case {
  name: string;
  given: { secrets: (string | undefined)[]; options?: RedactorOptions; text: string };
  want: string;
}

const cases: Case[] = [
  { name: 'a key in plain text', given: { secrets: [KEY], text: `key=${KEY}.` }, want: 'key=[redacted].' },
  {
    name: 'a key inside a JSON string',
    given: { secrets: [KEY], text: JSON.stringify({ error: { message: `bad key ${KEY}` } }) },
    want: '{"error":{"message":"bad key [redacted]"}}',
  },
  {
    name: 'a key split by JSON escaping',
    given: { secrets: [QUOTED], text: JSON.stringify({ echo: QUOTED }) },
    want: '{"echo":"[redacted]"}',
  },
  {
    name: 'a key with regex characters is matched literally',
    given: { secrets: ['k.y+'], text: 'k.y+ kxy+' },
    want: '[redacted] kxy+',
  },
  {
    name: 'a key that contains another is masked whole',
    given: { secrets: [KEY, `${KEY}_rotated`], text: `${KEY}_rotated then ${KEY}` },
    want: '[redacted] then [redacted]',
  },
  {
    name: 'every occurrence',
    given: { secrets: [KEY], text: `${KEY}${KEY} and ${KEY}` },
    want: '[redacted][redacted] and [redacted]',
  },
  {
    name: 'a bearer token nobody listed',
    given: { secrets: [], text: 'Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig_-~+/==' },
    want: 'Authorization: Bearer [redacted]',
  },
  {
    name: 'a bearer token keeps its scheme casing and what follows it',
    given: { secrets: [], text: 'authorization: bearer a=b.c~d, realm="api"' },
    want: 'authorization: bearer [redacted], realm="api"',
  },
  {
    name: 'a listed key after Bearer',
    given: { secrets: [KEY], text: `echo: Authorization: Bearer ${KEY}` },
    want: 'echo: Authorization: Bearer [redacted]',
  },
  {
    name: 'a bearer token inside a JSON string',
    given: { secrets: [], text: '{"authorization":"Bearer tok_1="}' },
    want: '{"authorization":"Bearer [redacted]"}',
  },
  {
    name: 'redacting twice changes nothing more',
    given: { secrets: [KEY], text: 'Bearer [redacted]' },
    want: 'Bearer [redacted]',
  },
  {
    name: 'two bearer tokens, one text',
    given: { secrets: [], text: 'Bearer a1, then bearer b2!' },
    want: 'Bearer [redacted], then bearer [redacted]!',
  },
  {
    name: 'the word Bearer with no token after it stays',
    given: { secrets: [], text: 'scheme: Bearer' },
    want: 'scheme: Bearer',
  },
  {
    name: 'no secrets: only bearer tokens go',
    given: { secrets: [], text: `key ${KEY}, Bearer x` },
    want: `key ${KEY}, Bearer [redacted]`,
  },
  {
    name: 'empty and undefined secrets are ignored',
    given: { secrets: ['', undefined], text: 'nothing secret here' },
    want: 'nothing secret here',
  },
  {
    name: 'a key pattern masks keys nobody listed',
    given: { secrets: [], options: { keyPattern: /\bsk_\w+/ }, text: 'GET /v1/models?api_key=sk_live_leak 200' },
    want: 'GET /v1/models?api_key=[redacted] 200',
  },
  {
    name: 'a key pattern beside listed keys',
    given: { secrets: ['pk-custom'], options: { keyPattern: /\bsk_\w+/ }, text: 'pk-custom sk_test_valid' },
    want: '[redacted] [redacted]',
  },
];

describe('createRedactor', () => {
  it.each(cases)('$name', ({ given, want }) => {
    expect(createRedactor(given.secrets, given.options)(given.text)).toBe(want);
  });

  // The redactor tests a text before replacing in it: one redactor, text after text, keeps no state.
  it('one redactor over many texts: each as if it were the first', () => {
    const redact = createRedactor([KEY]);
    const texts = ['Bearer a1', 'nothing', `Bearer b2 ${KEY}`, 'bearer c3', 'no token', 'Bearer d4'];
    expect(texts.map(redact)).toEqual(texts.map((text) => createRedactor([KEY])(text)));
    expect(texts.map(redact)).toEqual([
      'Bearer [redacted]',
      'nothing',
      'Bearer [redacted] [redacted]',
      'bearer [redacted]',
      'no token',
      'Bearer [redacted]',
    ]);
  });

  it('marks with REDACTED', () => {
    expect(REDACTED).toBe('[redacted]');
  });
});

const headerCases: { name: string; given: Record<string, string>; want: Record<string, string> }[] = [
  {
    name: 'an echoed Authorization header and a key in another value',
    given: { 'x-echo-authorization': `Bearer ${KEY}`, 'x-debug': `key=${KEY}; user=u_1` },
    want: { 'x-echo-authorization': 'Bearer [redacted]', 'x-debug': 'key=[redacted]; user=u_1' },
  },
  {
    name: 'a challenge naming the key',
    given: { 'www-authenticate': `Bearer ${KEY}, realm="api"`, 'x-request-id': 'req_1' },
    want: { 'www-authenticate': 'Bearer [redacted], realm="api"', 'x-request-id': 'req_1' },
  },
];

// Keys by their shape alone (providerKeyPattern): each provider's prefix, and text that only looks close.
const shapeCases: { name: string; given: string; want: string }[] = [
  {
    name: 'OpenAI echoes a masked project key',
    given: 'Incorrect API key provided: sk-proj-abc1********************wxyz. You can find your API key',
    want: 'Incorrect API key provided: [redacted]. You can find your API key',
  },
  { name: 'an Anthropic key', given: 'x-api-key: sk-ant-api03-AAAAbbbbCCCCdddd', want: 'x-api-key: [redacted]' },
  { name: 'an OpenRouter key', given: '"key":"sk-or-v1-0123456789abcdef"', want: '"key":"[redacted]"' },
  { name: 'a Google key in a URL', given: '?key=AIzaSyA1234567890abcdefghijklmnopqrstu', want: '?key=[redacted]' },
  {
    name: 'an AWS access key id',
    given: 'Credential=AKIAIOSFODNN7EXAMPLE/20240101',
    want: 'Credential=[redacted]/20240101',
  },
  { name: 'a Groq key', given: 'gsk_abcdefghijklmnopqrstuvwx', want: '[redacted]' },
  { name: 'a Fireworks key', given: 'fw_abcdefghijklmnopqrstu', want: '[redacted]' },
  { name: 'a Together key', given: 'tgp_v1_abcdefghijklmnopqrstu', want: '[redacted]' },
  { name: 'an Errata test key', given: 'sk_test_valid', want: '[redacted]' },
  {
    name: 'words and ids are kept',
    given: 'task-oriented sk-8 AKIA req_123 risk-assessment',
    want: 'task-oriented sk-8 AKIA req_123 risk-assessment',
  },
];

describe('providerKeyPattern', () => {
  it.each(shapeCases)('$name', ({ given, want }) => {
    expect(createRedactor([], { keyPattern: providerKeyPattern })(given)).toBe(want);
  });
});

describe('redactHeaders', () => {
  it.each(headerCases)('$name', ({ given, want }) => {
    expect(Object.fromEntries(redactHeaders(new Headers(given), createRedactor([KEY])))).toEqual(want);
  });

  it('returns the same headers when nothing was masked', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    expect(redactHeaders(headers, createRedactor([KEY]))).toBe(headers);
  });
});
