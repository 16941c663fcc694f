// Each class of change, made to a small released spec (test/fixtures/released.yaml), must be
// classified with the bump Errata's release policy gives it (.changeset/README.md, "What the gate checks").
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { classifySpecChanges } from './classify.js';
import { type Bump, requiredBump, type SpecChange } from './impact.js';

// The cases edit a parsed YAML spec at arbitrary depths; typing each path would say nothing the
// released fixture does not, so this one alias is untyped.
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document edited in place by test cases
type Doc = Record<string, any>;
const releasedFile = join(import.meta.dirname, '../test/fixtures/released.yaml');
const released = (): Doc => parse(readFileSync(releasedFile, 'utf8'));
const schemas = (d: Doc) => d.components.schemas;
const run = (d: Doc) => d.paths['/v1/models/{model}/run'].post;
const oneOf = (d: Doc, response: string) =>
  d.components.responses[response].content['application/json'].schema.oneOf as { $ref: string }[];

const cases: { name: string; given: (d: Doc) => void; want: { bump: Bump; rule: string } }[] = [
  {
    name: 'a code removed',
    want: { bump: 'major', rule: 'code-removed' },
    given: (d) => {
      delete schemas(d).RATE_LIMIT_EXCEEDED;
      d.components.responses.TooManyRequests.content['application/json'].schema.oneOf = [
        { $ref: '#/components/schemas/INTERNAL_ERROR' },
      ];
      d.components.responses.TooManyRequests.description = 'x';
    },
  },
  {
    name: 'a code removed from one operation',
    want: { bump: 'major', rule: 'operation-code-removed' },
    given: (d) => {
      delete run(d).responses['429'];
    },
  },
  {
    name: 'a status changed',
    want: { bump: 'major', rule: 'status-changed' },
    given: (d) => {
      schemas(d).MODEL_NOT_FOUND['x-error'].status = 410;
    },
  },
  {
    name: 'an internal code changed',
    want: { bump: 'major', rule: 'internal-code-changed' },
    given: (d) => {
      schemas(d).MODEL_NOT_FOUND['x-error'].internal_code = 3999;
    },
  },
  {
    name: 'a retry policy changed',
    want: { bump: 'major', rule: 'retry-policy-changed' },
    given: (d) => {
      schemas(d).INTERNAL_ERROR['x-error'].retry = 'never';
    },
  },
  {
    name: 'a code that can now end a stream',
    want: { bump: 'minor', rule: 'mid-stream-added' },
    given: (d) => {
      schemas(d).INTERNAL_ERROR['x-error'].mid_stream = { retry_safe: true, note: 'Starts over.' };
    },
  },
  {
    name: 'a crosswalk entry removed',
    want: { bump: 'major', rule: 'crosswalk-entry-removed' },
    given: (d) => {
      delete schemas(d).MODEL_NOT_FOUND['x-error'].crosswalk;
    },
  },
  {
    name: 'an operation removed',
    want: { bump: 'major', rule: 'path-removed' },
    given: (d) => {
      delete d.paths['/v1/models/{model}/run'];
    },
  },
  {
    name: 'a response removed',
    want: { bump: 'major', rule: 'response-removed' },
    given: (d) => {
      delete run(d).responses['500'];
      d.paths['/v1/models'].get.responses['500'] = { $ref: '#/components/responses/ServerError' };
    },
  },
  {
    name: 'a response field removed',
    want: { bump: 'major', rule: 'required-properties-removed' },
    given: (d) => {
      const body = run(d).responses['200'].content['application/json'].schema;
      body.properties = {};
      body.required = [];
    },
  },
  {
    name: 'a required request field added',
    want: { bump: 'major', rule: 'required-properties-added' },
    given: (d) => {
      run(d).requestBody.content['application/json'].schema.required.push('temperature');
    },
  },
  {
    name: 'a code added to an operation',
    want: { bump: 'minor', rule: 'operation-code-added' },
    given: (d) => {
      run(d).responses['404'] = { $ref: '#/components/responses/NotFound' };
    },
  },
  {
    name: 'a code added to a shared response',
    want: { bump: 'minor', rule: 'operation-code-added' },
    given: (d) => {
      oneOf(d, 'ServerError').push({ $ref: '#/components/schemas/MODEL_NOT_FOUND' });
    },
  },
  {
    name: 'a new code in the catalog',
    want: { bump: 'minor', rule: 'code-added' },
    given: (d) => {
      schemas(d).MODEL_GONE = { ...structuredClone(schemas(d).MODEL_NOT_FOUND), title: 'Model gone' };
      schemas(d).MODEL_GONE['x-error'] = { ...schemas(d).MODEL_GONE['x-error'], internal_code: 3010, crosswalk: {} };
      schemas(d).MODEL_GONE.allOf[1].properties.code.const = 'MODEL_GONE';
      oneOf(d, 'NotFound').push({ $ref: '#/components/schemas/MODEL_GONE' });
    },
  },
  {
    name: 'a new operation',
    want: { bump: 'minor', rule: 'pathitem-added' },
    given: (d) => {
      d.paths['/v1/models/{model}/info'] = {
        get: { ...structuredClone(d.paths['/v1/models'].get), operationId: 'modelInfo' },
      };
    },
  },
  {
    name: 'a description reworded',
    want: { bump: 'patch', rule: 'error-text-changed' },
    given: (d) => {
      schemas(d).MODEL_NOT_FOUND.description = 'There is no model by that name.';
    },
  },
  {
    name: 'a remedy reworded',
    want: { bump: 'patch', rule: 'error-text-changed' },
    given: (d) => {
      schemas(d).INTERNAL_ERROR['x-error'].remedy = 'Retry with backoff.';
    },
  },
  {
    name: 'an example changed',
    want: { bump: 'patch', rule: 'error-example-changed' },
    given: (d) => {
      schemas(d).INTERNAL_ERROR.examples[0].request_id = 'req_2';
    },
  },
  {
    name: 'a new code that more providers map a bare status to: the default moves for every user',
    want: { bump: 'major', rule: 'status-default-changed' },
    given: (d) => {
      schemas(d).QUOTA_HIT = { ...structuredClone(schemas(d).RATE_LIMIT_EXCEEDED), title: 'Quota hit' };
      schemas(d).QUOTA_HIT['x-error'] = {
        ...schemas(d).QUOTA_HIT['x-error'],
        internal_code: 4002,
        crosswalk: { generic: [{ status: 429 }] },
      };
      schemas(d).QUOTA_HIT.allOf[1].properties.code.const = 'QUOTA_HIT';
      oneOf(d, 'TooManyRequests').push({ $ref: '#/components/schemas/QUOTA_HIT' });
    },
  },
  {
    name: 'a provider entry that maps a bare status to another code',
    want: { bump: 'major', rule: 'provider-status-default-changed' },
    given: (d) => {
      schemas(d).RATE_LIMIT_EXCEEDED['x-error'].crosswalk = { generic: [{ status: 500 }] };
    },
  },
  {
    name: 'a provider removed',
    want: { bump: 'major', rule: 'provider-removed' },
    given: (d) => {
      delete d['x-errata'].providers.generic;
      delete schemas(d).MODEL_NOT_FOUND['x-error'].crosswalk;
    },
  },
  {
    name: 'a provider added',
    want: { bump: 'minor', rule: 'provider-added' },
    given: (d) => {
      d['x-errata'].providers.other = { title: 'Other', fields: { code: ['error.code'] } };
    },
  },
  { name: 'nothing changed', want: { bump: 'none', rule: '' }, given: () => {} },
];

const results = new Map<string, SpecChange[]>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'errata-gate-'));
  await Promise.all(
    cases.map(async (c, i) => {
      const doc = released();
      c.given(doc);
      const file = join(dir, `revision-${i}.yaml`);
      writeFileSync(file, stringify(doc));
      results.set(c.name, await classifySpecChanges(releasedFile, file));
    }),
  );
});

describe('classifySpecChanges', () => {
  it.each(cases)('$name → $want.bump ($want.rule)', ({ name, want }) => {
    const changes = results.get(name)!;
    expect(requiredBump(changes)).toBe(want.bump);
    if (want.rule) expect(changes.map((c) => c.rule)).toContain(want.rule);
    else expect(changes).toEqual([]);
  });

  it('overrules the generic differ, which calls a code added to an error response major', () => {
    const changes = results.get('a code added to a shared response')!;
    expect(changes.filter((c) => c.impact === 'major')).toEqual([]);
  });
});
