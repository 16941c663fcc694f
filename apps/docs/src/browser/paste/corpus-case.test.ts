// A paste nobody recognised becomes a corpus case to file: keys and ids never reach it, and what
// is left is the paste (YAML reads the JSON-quoted body back to the same text).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { corpusCaseYaml, stripped } from './corpus-case.js';

describe('stripped', () => {
  it.each([
    {
      name: 'an OpenAI key, masked as OpenAI echoes it',
      given: 'Incorrect API key provided: sk-proj-abcd****************wxyz.',
      want: 'Incorrect API key provided: [redacted].',
    },
    { name: 'a bearer token', given: 'Authorization: Bearer abc.def.ghi', want: 'Authorization: Bearer [redacted]' },
    { name: 'a Google key', given: 'key=AIzaSyA1234567890abcdefghijklmnopqrstu', want: 'key=[redacted]' },
    {
      name: 'an organisation and a project id',
      given: 'in organization org-AbCdEf123456 project proj_ZyXw98765432',
      want: 'in organization <ORG_ID> project <PROJECT_ID>',
    },
    {
      name: 'an AWS account id in an ARN',
      given: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/x',
      want: 'arn:aws:bedrock:us-east-1:<ACCOUNT_ID>:inference-profile/x',
    },
    { name: 'a request id', given: '"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"', want: '"request_id":"<ID>"' },
    {
      name: 'a UUID',
      given: 'RequestId: 16fb0962-139d-4c70-ba9c-602d9630e854',
      want: 'RequestId: <REQUEST_ID>',
    },
    {
      name: 'an error without ids',
      given: '{"error":{"message":"Overloaded"}}',
      want: '{"error":{"message":"Overloaded"}}',
    },
  ])('$name', ({ given, want }) => {
    expect(stripped(given).text).toBe(want);
  });
});

describe('corpusCaseYaml', () => {
  it('is one cases: item of corpus/case.schema.yaml, with the body as pasted and the status given', () => {
    const body = '{"error":{"message":"Weird \\"thing\\"\\nhappened","type":"x"}}\n';
    const yaml = corpusCaseYaml({ text: body, status: 418, provider: 'groq' });
    const [item] = parse(`cases:\n${yaml}`).cases;
    expect(item).toMatchObject({
      id: 'groq-<what-it-is>',
      kind: 'observed',
      source: { type: 'issue' },
      transcription: 'verbatim',
      given: { status: 418, body: body.trim() },
      want: { code: '<THE_ERRATA_CODE>' },
    });
  });

  it('says what it replaced, and leaves the status out when none was given', () => {
    const [item] = parse(
      `cases:\n${corpusCaseYaml({ text: 'bad key sk-ant-api03-AAAAbbbbCCCCdddd', status: undefined, provider: '' })}`,
    ).cases;
    expect(item.given).toEqual({ body: 'bad key [redacted]' });
    expect(item.transcription).toMatch(/API keys, ids and request ids replaced/);
    expect(item.id).toBe('<provider>-<what-it-is>');
  });
});
