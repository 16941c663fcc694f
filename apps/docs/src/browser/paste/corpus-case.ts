/**
 * A pasted error nobody recognised, as a ready corpus case (corpus/case.schema.yaml) to file:
 * what was pasted, with API keys, bearer tokens, organisation / project / account ids and request
 * ids replaced by markers, in the YAML of a `cases:` item. The YAML needs no library: a JSON
 * string is a YAML double-quoted scalar, so every value is written with `JSON.stringify`.
 */
import { createRedactor, providerKeyPattern } from '@errata/redact';

/** What the case is made of: the paste, its status and provider as given. */
export interface PastedCase {
  text: string;
  status: number | undefined;
  provider: string;
}

// JSON members that hold an account's or a request's id.
const ID_MEMBERS = 'request_?id|requestId|x-request-id|trace_?id|organization|org_id|project_id|account_id|user_id';

// Ids that name an account or a request rather than the error: replaced, with what they were.
const IDS: [RegExp, string][] = [
  [/\borg-[A-Za-z0-9]{8,}/g, '<ORG_ID>'],
  [/\bproj_[A-Za-z0-9]{8,}/g, '<PROJECT_ID>'],
  [/(arn:aws[\w-]*:[\w-]*:[\w-]*:)\d{12}/g, '$1<ACCOUNT_ID>'],
  [/\b(?:req|request|chatcmpl|resp|msg|gen)[_-][A-Za-z0-9]{8,}/g, '<REQUEST_ID>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<REQUEST_ID>'],
  [new RegExp(`("(?:${ID_MEMBERS})"\\s*:\\s*")[^"]+`, 'gi'), '$1<ID>'],
];

const redactKeys = createRedactor([], { keyPattern: providerKeyPattern });

/**
 * The paste with keys and ids replaced, and whether anything was.
 *
 * @example
 * stripped('{"error":{"message":"Incorrect API key provided: sk-proj-abc12345xyz"}}').text;
 * // '{"error":{"message":"Incorrect API key provided: [redacted]"}}'
 */
export function stripped(text: string): { text: string; changed: boolean } {
  let out = redactKeys(text);
  for (const [pattern, marker] of IDS) out = out.replace(pattern, marker);
  return { text: out, changed: out !== text };
}

/**
 * The corpus case for a paste, as YAML to add under `cases:` in corpus/cases/<provider>.yaml.
 *
 * @example
 * corpusCaseYaml({ text: '{"error":"boom"}', status: 500, provider: 'groq' });
 * // '  - id: groq-…\n    kind: observed\n …\n    given:\n      status: 500\n      body: "{\"error\":\"boom\"}"\n …'
 */
export function corpusCaseYaml({ text, status, provider }: PastedCase): string {
  const body = stripped(text.trim());
  const who = provider || '<provider>';
  const lines = [
    `# corpus/cases/${who}.yaml, under cases: (how: corpus/README.md, “Contributing a case”)`,
    `  - id: ${who}-<what-it-is>`,
    '    kind: observed',
    '    source:',
    '      url: https://github.com/<owner>/<repo>/issues/<n>  # where this error was posted publicly',
    '      type: issue',
    `    transcription: ${JSON.stringify(
      body.changed ? 'verbatim, except API keys, ids and request ids replaced with markers' : 'verbatim',
    )}`,
    '    meaning: "<what it means for the caller>"',
    '    given:',
    ...(status === undefined ? [] : [`      status: ${status}`]),
    `      body: ${JSON.stringify(body.text)}`,
    '    want:',
    '      code: <THE_ERRATA_CODE>',
  ];
  return `${lines.join('\n')}\n`;
}
