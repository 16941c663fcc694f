// Each custom rule runs against the minimal fixture broken in exactly one way, and must fire;
// the unbroken fixture must pass every rule. One `redocly lint` run covers the whole table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

type Doc = Record<string, unknown>;
const root = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures');
const minimal = (): Doc => parse(readFileSync(join(fixtures, 'minimal.yaml'), 'utf8'));

/** The object at `path` below `node` (array members by index): a fixture that lacks it is a broken test. */
function at(node: unknown, ...path: (string | number)[]): Doc {
  let here = node;
  for (const key of path) here = (here as Doc | undefined)?.[key];
  if (!here || typeof here !== 'object') throw new Error(`The fixture has no object at ${path.join('.')}`);
  return here as Doc;
}
/** The list at `path` below `node`. */
function list(node: unknown, ...path: (string | number)[]): unknown[] {
  const here = at(node, ...path);
  if (!Array.isArray(here)) throw new Error(`The fixture has no list at ${path.join('.')}`);
  return here;
}
const schemas = (doc: Doc) => at(doc, 'components', 'schemas');
const responses = (doc: Doc) => at(doc, 'components', 'responses');
const models = (doc: Doc) => at(doc, 'paths', '/v1/models');

const cases: { name: string; rule: string; breakIt: (doc: Doc) => void }[] = [
  {
    name: 'x-error without a remedy',
    rule: 'errata/error-metadata',
    breakIt: (d) => delete at(schemas(d), 'MODEL_NOT_FOUND', 'x-error').remedy,
  },
  {
    name: 'x-error with an unknown retry policy',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error').retry = 'sometimes'),
  },
  {
    name: 'an error schema without examples',
    rule: 'errata/error-metadata',
    breakIt: (d) => delete at(schemas(d), 'INTERNAL_ERROR').examples,
  },
  {
    name: 'an example whose doc_url points elsewhere',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'examples', 0).doc_url = 'https://errata.dev/docs/errors#OTHER'),
  },
  {
    name: 'after_retry_after without a required retry_after',
    rule: 'errata/error-metadata',
    breakIt: (d) => delete at(schemas(d), 'RATE_LIMIT_EXCEEDED', 'allOf', 1).required,
  },
  {
    name: 'a crosswalk to an undeclared provider',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk').acme = [{ status: 404 }]),
  },
  {
    name: 'a status-only crosswalk entry without the provider’s words',
    rule: 'errata/status-only-entries',
    breakIt: (d) =>
      (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk').generic = [{ status: 404, name: '404' }]),
  },
  {
    name: 'a generic mark on an entry that matches on a code',
    rule: 'errata/status-only-entries',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk', 'generic', 0).generic = true),
  },
  {
    name: 'two schemas with the same internal code',
    rule: 'errata/error-codes-unique',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'x-error').internal_code = 3003),
  },
  {
    name: 'two schemas with the same code',
    rule: 'errata/error-codes-unique',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'allOf', 1, 'properties', 'code').const = 'MODEL_NOT_FOUND'),
  },
  {
    name: 'one provider error crosswalked to two codes',
    rule: 'errata/error-codes-unique',
    breakIt: (d) =>
      (at(schemas(d), 'INTERNAL_ERROR', 'x-error').crosswalk = { generic: [{ code: 'MODEL_NOT_FOUND', status: 404 }] }),
  },
  {
    name: 'a 500 schema listed under 429',
    rule: 'errata/error-status-matches',
    breakIt: (d) =>
      list(responses(d), 'TooManyRequests', 'content', 'application/json', 'schema', 'oneOf').push({
        $ref: '#/components/schemas/INTERNAL_ERROR',
      }),
  },
  {
    name: 'an error response that is not the envelope',
    rule: 'errata/error-response-envelope',
    breakIt: (d) =>
      (at(responses(d), 'ServerError', 'content', 'application/json').schema = {
        type: 'object',
        properties: { error: { type: 'string' } },
      }),
  },
  {
    name: 'an error response served as text/html',
    rule: 'errata/error-response-envelope',
    breakIt: (d) => (at(responses(d), 'ServerError').content = { 'text/html': { schema: { type: 'string' } } }),
  },
  {
    name: 'an error response only as problem+json, without application/json',
    rule: 'errata/error-response-envelope',
    breakIt: (d) => {
      const content = at(responses(d), 'ServerError', 'content');
      content['application/problem+json'] = content['application/json'];
      delete content['application/json'];
    },
  },
  {
    name: 'a 429 without Retry-After',
    rule: 'errata/retry-after-header',
    breakIt: (d) => delete at(responses(d), 'TooManyRequests', 'headers')['Retry-After'],
  },
  {
    name: 'a success response without X-Request-Id',
    rule: 'errata/request-id-header',
    breakIt: (d) => delete at(models(d), 'get', 'responses', '200').headers,
  },
  {
    name: 'an operation with no 5xx response',
    rule: 'errata/operation-5xx-response',
    breakIt: (d) => delete at(models(d), 'get', 'responses')['500'],
  },
  {
    name: 'a stream error event carrying a code without mid_stream',
    rule: 'errata/stream-error-codes',
    breakIt: (d) =>
      (schemas(d).StreamError = {
        type: 'object',
        properties: {
          event: { const: 'error' },
          data: { oneOf: [{ $ref: '#/components/schemas/INTERNAL_ERROR' }], discriminator: { propertyName: 'code' } },
        },
      }),
  },
  {
    name: 'a POST without Idempotency-Key',
    rule: 'errata/post-idempotency-key',
    breakIt: (d) => (models(d).post = { ...structuredClone(at(models(d), 'get')), operationId: 'createModel' }),
  },
  {
    name: 'a crosswalk entry with a key the schema does not know',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk', 'generic', 0).statuses = [404]),
  },
  {
    name: 'a crosswalk entry that matches nothing',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk').generic = [{ name: 'Model not found' }]),
  },
  {
    name: 'a crosswalk entry citing a document its provider does not have',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk', 'generic', 0).source = 'handbook'),
  },
  {
    name: 'message_params reading a parameter the template lacks',
    rule: 'errata/error-metadata',
    breakIt: (d) =>
      (at(schemas(d), 'MODEL_NOT_FOUND', 'x-error', 'crosswalk', 'generic', 0).message_params = '^(?<task>.+)$'),
  },
  {
    name: 'a provider with neither docs nor docs_note',
    rule: 'errata/error-metadata',
    breakIt: (d) => delete at(d, 'x-errata', 'providers', 'generic').docs,
  },
  {
    name: 'a category const that disagrees with x-error',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'allOf', 1, 'properties', 'category').const = 'timeout'),
  },
  {
    name: 'a template parameter not declared in details',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'x-error').message = 'Internal server error: {reason}.'),
  },
  {
    name: 'an example without a template parameter in details',
    rule: 'errata/error-metadata',
    breakIt: (d) => delete at(schemas(d), 'MODEL_NOT_FOUND', 'examples', 0).details,
  },
  {
    name: 'a malformed mid_stream',
    rule: 'errata/error-metadata',
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'x-error').mid_stream = { retry_safe: 'yes' }),
  },
];

// The rule options a team would set, each against the fixture it should (or should no longer) flag,
// linted with test/fixtures/options.redocly.yaml (the plugin loaded by its package name).
const optionCases: { name: string; rule: string; fires: boolean; message?: string; breakIt: (doc: Doc) => void }[] = [
  {
    name: 'header: X-Trace-Id, on a spec that declares only X-Request-Id',
    rule: 'errata/request-id-header',
    fires: true,
    message: 'must declare the X-Trace-Id header',
    breakIt: () => {},
  },
  {
    name: 'codePrefix: CHAT_, on an own code without it',
    rule: 'errata/error-codes-unique',
    fires: true,
    message: "Code MODEL_NOT_FOUND is not one of Errata's: it must start with CHAT_",
    breakIt: () => {},
  },
  {
    name: 'internalCodeRange: 3000-3999, on an own code at 4001',
    rule: 'errata/error-codes-unique',
    fires: true,
    message: "Internal code 4002 of INTERNAL_ERROR is outside this API's range 3000-3999",
    breakIt: (d) => (at(schemas(d), 'INTERNAL_ERROR', 'x-error').internal_code = 4002),
  },
  {
    name: 'exceptOperations: [createModel], on that POST without a key',
    rule: 'errata/post-idempotency-key',
    fires: false,
    breakIt: (d) => (models(d).post = { ...structuredClone(at(models(d), 'get')), operationId: 'createModel' }),
  },
  {
    name: 'statuses: [429, 529], on a 529 without Retry-After',
    rule: 'errata/retry-after-header',
    fires: true,
    message: 'Response 529 must declare the Retry-After header',
    breakIt: (d) =>
      (at(models(d), 'get', 'responses')['529'] = {
        ...structuredClone(at(responses(d), 'ServerError')),
        headers: { 'X-Trace-Id': { schema: { type: 'string' } } },
      }),
  },

  {
    name: 'application/problem+json beside application/json, the same envelope',
    rule: 'errata/error-response-envelope',
    fires: false,
    breakIt: (d) => {
      const content = at(responses(d), 'ServerError', 'content');
      content['application/problem+json'] = structuredClone(content['application/json']);
    },
  },
  {
    name: 'kit-responses on, on a secured GET without a 401',
    rule: 'errata/kit-responses',
    fires: true,
    message: 'Operation must declare MISSING_API_KEY: @errata/server answers it for a request without a credential.',
    breakIt: () => {},
  },
  {
    name: 'x-errata-adopt: false on the only operation (its responses are not checked)',
    rule: 'errata/request-id-header',
    fires: false,
    breakIt: (d) => (at(models(d), 'get')['x-errata-adopt'] = false),
  },
  {
    name: 'a POST without a key, while only the GET is adopted',
    rule: 'errata/post-idempotency-key',
    fires: false,
    breakIt: (d) => {
      at(models(d), 'get')['x-errata-adopt'] = true;
      models(d).post = { ...structuredClone(at(models(d), 'get')), operationId: 'createThing' };
      delete at(models(d), 'post')['x-errata-adopt'];
    },
  },
  {
    name: 'a POST without a key, adopted too',
    rule: 'errata/post-idempotency-key',
    fires: true,
    message: 'A POST must accept the Idempotency-Key header.',
    breakIt: (d) => {
      at(models(d), 'get')['x-errata-adopt'] = true;
      models(d).post = { ...structuredClone(at(models(d), 'get')), operationId: 'createThing' };
    },
  },
];

type Problem = { ruleId: string; message: string; location: { source: { ref: string } }[] };

/** Lints every document with one config in one `redocly lint` run: problems by file name. */
function lintAll(config: string, docs: Doc[], prefix: string): Map<string, Problem[]> {
  const files = docs.map((doc, i) => {
    const file = join(dir, `${prefix}-${i}.yaml`);
    writeFileSync(file, stringify(doc));
    return file;
  });
  let out: string;
  try {
    out = execFileSync('redocly', ['lint', '--config', config, '--format', 'json', ...files], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // lint exits 1 when it finds problems, as it must here
  }
  // With several files, redocly prints one JSON report per file, one after the other.
  const reports = out
    .trim()
    .split(/(?<=\n\})(?=\{)/)
    .map((chunk) => JSON.parse(chunk) as { problems: Problem[] });
  const byFile = new Map<string, Problem[]>();
  for (const problem of reports.flatMap((report) => report.problems)) {
    const file = problem.location[0]!.source.ref.split('/').pop()!;
    byFile.set(file, [...(byFile.get(file) ?? []), problem]);
  }
  return byFile;
}

let problemsByFile: Map<string, Problem[]>;
let optionProblems: Map<string, Problem[]>;
let dir: string;
const broken = (breakIt: (doc: Doc) => void) => {
  const doc = minimal();
  breakIt(doc);
  return doc;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'errata-lint-'));
  problemsByFile = lintAll(join(root, 'redocly.yaml'), [minimal(), ...cases.map((c) => broken(c.breakIt))], 'case');
  optionProblems = lintAll(
    join(fixtures, 'options.redocly.yaml'),
    optionCases.map((c) => broken(c.breakIt)),
    'option',
  );
});

describe('Errata lint rules', () => {
  it('pass the minimal fixture', () => {
    expect(problemsByFile.get('case-0.yaml') ?? []).toEqual([]);
  });

  it.each(cases.map((c, i) => ({ ...c, file: `case-${i + 1}.yaml` })))('$rule fires on $name', ({ rule, file }) => {
    const rules = (problemsByFile.get(file) ?? []).map((p) => p.ruleId);
    expect(rules).toContain(rule);
  });
});

describe('Errata lint rule options', () => {
  it.each(optionCases.map((c, i) => ({ ...c, file: `option-${i}.yaml` })))(
    '$rule with $name: fires=$fires',
    ({ rule, fires, message, file }) => {
      const problems = (optionProblems.get(file) ?? []).filter((p) => p.ruleId === rule);
      if (!fires) expect(problems).toEqual([]);
      else expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining(message!));
    },
  );
});
