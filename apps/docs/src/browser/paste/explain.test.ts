import { errorTexts } from '@errata/types/texts';
import { describe, expect, it } from 'vitest';
import { seedErrorCases } from '../../../../../packages/client/test/fixtures/seed-errors.js';
import providerErrors from '../../../../../packages/types/test/fixtures/provider-errors.json' with { type: 'json' };
import { recognisedAs } from './answer-html.js';
import { explain, pastedProvider } from './explain.js';
import { hashFor, pasteFromHash } from './paste-box.js';

// The page reads each code's message template from its section; here, from the catalog's texts.
const templates = Object.fromEntries(Object.entries(errorTexts).map(([code, texts]) => [code, texts.message]));
const answerOf = (result: ReturnType<typeof explain>) =>
  result === undefined ? undefined : 'refusal' in result ? 'not an error' : result.code;

describe('the paste box: every documented seed error, pasted with its status and provider', () => {
  it.each(
    seedErrorCases.map((c) => ({
      name: `#${c.id} ${c.provider} ${c.status}: ${c.seed}`,
      given: c,
      want: 'not_an_error' in c.want ? 'not an error' : c.want.code,
    })),
  )('$name', ({ given, want }) => {
    expect(answerOf(explain({ text: given.body, status: given.status, provider: given.provider }, templates))).toBe(
      want,
    );
  });
});

// The inference providers' documented errors (provider-errors.json), as a body answered with its status.
// Stream events are read by the client's stream reader, not pasted with a wire status: left out here.
const providerCases = providerErrors.cases.filter((c) => !('stream' in c));
describe('the paste box: every documented inference-provider error, pasted with its status and provider', () => {
  it('has cases of every non-seed provider', () => {
    expect(new Set(providerCases.map((c) => c.provider)).size).toBeGreaterThanOrEqual(11);
  });
  it.each(
    providerCases.map((c) => ({
      name: `#${c.id} ${c.provider} ${c.status}: ${c.name}`,
      given: c,
      want: (c.want as { code: string }).code,
    })),
  )('$name', ({ given, want }) => {
    const provider = pastedProvider(given.provider);
    expect(provider).toBe(given.provider);
    expect(answerOf(explain({ text: given.body, status: given.status, provider }, templates))).toBe(want);
  });
});

describe('the provider a paste names', () => {
  it.each([
    { name: 'a provider of the catalog', given: 'workers-ai', want: 'workers-ai' },
    { name: 'Errata itself', given: 'errata', want: 'errata' },
    { name: 'none', given: '', want: '' },
    { name: 'an id no provider has (a hand-made link)', given: 'nobody', want: undefined },
  ])('is read from $name', ({ given, want }) => {
    expect(pastedProvider(given)).toBe(want);
  });
});

describe('the paste box: bare codes, internal codes, messages and statuses', () => {
  it.each([
    {
      name: 'a canonical code',
      given: { text: 'MODEL_NOT_FOUND' },
      want: { code: 'MODEL_NOT_FOUND', provider: 'errata', how: 'code' },
    },
    {
      name: 'a canonical code in words',
      given: { text: ' model not found ' },
      want: { code: 'MODEL_NOT_FOUND', provider: 'errata', how: 'code' },
    },
    {
      name: "Errata's internal code",
      given: { text: '3003' },
      want: { code: 'MODEL_NOT_FOUND', provider: 'errata', how: 'internal code' },
    },
    {
      name: "Workers AI's internal code",
      given: { text: '3036' },
      want: { code: 'DAILY_QUOTA_EXCEEDED', provider: 'workers-ai', how: 'crosswalk' },
    },
    {
      name: 'an internal code of a named provider',
      given: { text: '3003', provider: 'workers-ai' as const },
      want: { code: 'INCOMPLETE_REQUEST', provider: 'workers-ai', how: 'crosswalk' },
    },
    {
      name: "a provider's documented name",
      given: { text: 'No such model' },
      want: { code: 'NO_SUCH_MODEL_OR_TASK', provider: 'workers-ai', how: 'crosswalk' },
    },
    {
      name: 'an Errata message, filled in',
      given: { text: 'Model echo-1 does not exist.' },
      want: { code: 'MODEL_NOT_FOUND', provider: 'errata', how: 'message' },
    },
    {
      name: "ModelsLab's message",
      given: { text: 'prompt is required' },
      want: { code: 'MISSING_REQUIRED_FIELD', provider: 'modelslab', how: 'crosswalk' },
    },
    {
      name: 'a bare status',
      given: { text: '429' },
      want: { code: 'RATE_LIMIT_EXCEEDED', provider: 'errata', how: 'status' },
    },
    {
      name: 'an empty body with a status',
      given: { text: '', status: 503 },
      want: { code: 'SERVICE_UNAVAILABLE', provider: 'errata', how: 'status' },
    },
    {
      name: 'a ModelsLab body with the misspelt field, nothing else',
      given: { text: '{"status":"error","messege":"prompt is required"}' },
      want: { code: 'MISSING_REQUIRED_FIELD', provider: 'modelslab', how: 'crosswalk' },
    },
    {
      name: 'an Errata envelope',
      given: { text: '{"code":"TIMEOUT","message":"x","status":504}' },
      want: { code: 'TIMEOUT', provider: 'errata', how: 'envelope' },
    },
  ])('$name', ({ given, want }) => {
    const result = explain(given, templates);
    expect(
      result && !('refusal' in result)
        ? { code: result.code, provider: result.reading.provider, how: result.reading.how }
        : result,
    ).toEqual(want);
  });

  it.each([
    { name: 'words that are nothing', given: { text: 'hello' } },
    { name: 'nothing at all', given: { text: '   ' } },
    { name: 'JSON that names nothing, without a status', given: { text: '{"oops":true}' } },
  ])('says it recognises nothing for $name', ({ given }) => {
    expect(explain(given, templates)).toBeUndefined();
  });

  it('names the provider error it recognised, as the provider documents it', () => {
    const result = explain(
      { text: '{"errors":[{"code":3003,"message":"Bad input"}]}', status: 400, provider: 'workers-ai' },
      templates,
    );
    if (!result || 'refusal' in result) throw new Error('not recognised');
    expect(recognisedAs(result.reading)).toContain('Incomplete request');
    expect(recognisedAs(result.reading)).toContain('<code>3003</code>');
  });
});

describe('the paste box link', () => {
  it.each([
    { name: 'text only', given: { text: '3036', status: undefined, provider: '' } },
    {
      name: 'a body with status and provider',
      given: { text: '{"status":"error","message":"a & b"}', status: 402, provider: 'modelslab' },
    },
  ])('round-trips $name through the fragment', ({ given }) => {
    expect(pasteFromHash(hashFor(given))).toEqual(given);
  });

  it('ignores fragments that are not a paste', () => {
    expect(pasteFromHash('#MODEL_NOT_FOUND')).toBeUndefined();
  });
});
