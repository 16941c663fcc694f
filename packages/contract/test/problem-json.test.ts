// The checker's options: problem+json (RFC 9457) read as a second serialisation of the envelope
// where the operation declares it, and the request id read from the header the server names.
import { createRequire } from 'node:module';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { type CheckerOptions, createResponseChecker } from '../src/index.js';

// Errata's spec declares problem+json beside JSON on its shared error responses.
const spec = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
// The same spec with its model-not-found response declared as application/json only.
const undeclared = structuredClone(spec) as OpenApiDocument & {
  components: { responses: Record<string, { content: Record<string, unknown> }> };
};
delete undeclared.components.responses.ModelNotFound!.content['application/problem+json'];
const getModel = createSpecModel(spec).operation('getModel')!;
const undeclaredGetModel = createSpecModel(undeclared).operation('getModel')!;

const envelope = {
  code: 'MODEL_NOT_FOUND',
  message: 'Model echo-1 does not exist.',
  status: 404,
  request_id: 'req_8f14e45fceea167a',
  doc_url: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND',
  category: 'not_found',
  retry: 'never',
  details: { model: 'echo-1' },
};
const { message, request_id, doc_url, ...extensions } = envelope;
const problem = { type: doc_url, title: 'Model not found', detail: message, instance: request_id, ...extensions };

const response = (body: unknown, headers: Record<string, string>, status = 404) => ({
  status,
  headers: new Headers({ 'Content-Type': 'application/json', 'X-Request-Id': request_id, ...headers }),
  text: JSON.stringify(body),
});
const PROBLEM = { 'Content-Type': 'application/problem+json' };

const cases: {
  name: string;
  /** `undeclared`: against a spec whose getModel 404 is application/json only. */
  given: { body: unknown; headers: Record<string, string>; options?: CheckerOptions; undeclared?: true };
  want: string[];
}[] = [
  { name: 'problem+json where declared', given: { body: problem, headers: PROBLEM }, want: [] },
  { name: 'the envelope as JSON, beside it', given: { body: envelope, headers: {} }, want: [] },
  {
    name: 'problem+json without a title',
    given: { body: { ...problem, title: undefined }, headers: PROBLEM },
    want: ['body/title: missing (RFC 9457 problem details need a title)'],
  },
  {
    name: 'problem+json without detail, in its own terms',
    given: { body: { ...problem, detail: undefined }, headers: PROBLEM },
    want: ["body: must have required property 'detail'"],
  },
  {
    name: 'problem+json whose instance is not the request id',
    given: { body: { ...problem, instance: 'req_other' }, headers: PROBLEM },
    want: [`body/instance: "req_other" differs from X-Request-Id "${request_id}"`],
  },
  {
    name: 'problem+json where the operation does not declare it',
    given: { body: problem, headers: PROBLEM, undeclared: true },
    want: [
      'header Content-Type: expected application/json, got "application/problem+json"',
      "body: must have required property 'message'",
      "body: must have required property 'request_id'",
      "body: must have required property 'doc_url'",
    ],
  },
  {
    name: 'a request id header the server names',
    given: {
      body: { ...envelope, request_id: 'req_a' },
      headers: { 'X-Request-Id': 'req_a', 'X-Correlation-Id': 'req_b' },
      options: { requestIdHeader: 'X-Correlation-Id' },
    },
    want: ['body/request_id: "req_a" differs from X-Correlation-Id "req_b"'],
  },
];

describe('createResponseChecker options', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const checker = createResponseChecker(given.undeclared ? undeclared : spec, undefined, given.options);
    const operation = given.undeclared ? undeclaredGetModel : getModel;
    expect(checker.check(operation, response(given.body, given.headers), { code: 'MODEL_NOT_FOUND' })).toEqual(want);
  });
});
