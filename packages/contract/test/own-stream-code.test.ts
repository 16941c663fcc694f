// An adopter's own mid-stream code passes the stream checks: the codes an error event may carry,
// their schemas and doc URLs are read from the spec given, not from Errata's catalog.
import { createRequire } from 'node:module';
import { createSpecAjv, createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { createResponseChecker, createStreamChecker } from '../src/index.js';

type Schemas = Record<string, { properties?: { data?: { oneOf: unknown[] } } }>;
const errata = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
const OWN = 'CHAT_STREAM_CUT';
// Errata's spec, plus a code of the adopter's own that can end a stream: OVERLOADED under another name.
const spec = JSON.parse(JSON.stringify(errata)) as OpenApiDocument & { components: { schemas: Schemas } };
const schemas = spec.components.schemas;
schemas[OWN] = JSON.parse(JSON.stringify(schemas.OVERLOADED).replaceAll('"OVERLOADED"', `"${OWN}"`));
schemas.ErrorEvent!.properties!.data!.oneOf.push({ $ref: `#/components/schemas/${OWN}` });

const model = createSpecModel(spec);
const runModel = model.operation('runModel')!;
const ajv = createSpecAjv(spec);
const checker = createStreamChecker(spec, ajv, createResponseChecker(spec, ajv));
const requestId = 'req_8f14e45fceea167a';

const stream = (code: string, docUrl: string) => ({
  status: 200,
  headers: new Headers({ 'Content-Type': 'text/event-stream', 'X-Request-Id': requestId }),
  text: [
    `event: token\ndata: ${JSON.stringify({ index: 0, text: 'Hi' })}\n\n`,
    `event: error\ndata: ${JSON.stringify({
      code,
      message: 'Service is overloaded.',
      status: 503,
      request_id: requestId,
      doc_url: docUrl,
      category: 'server',
      retry: 'after_retry_after',
      retry_after: 5,
      details: { tokens_delivered: 1 },
    })}\n\n`,
  ].join(''),
});

describe('a stream ending with an adopter’s own code', () => {
  it.each([
    { name: 'its own code, its own doc URL', given: { code: OWN, docUrl: `${model.docsUrl}#${OWN}` }, want: [] },
    {
      name: 'its own code, another code’s doc URL',
      given: { code: OWN, docUrl: `${model.docsUrl}#OVERLOADED` },
      want: [
        `event 1 (error)/data/doc_url: expected ${model.docsUrl}#${OWN} (at any origin), ` +
          `got "${model.docsUrl}#OVERLOADED"`,
      ],
    },
  ])('$name', ({ given, want }) => {
    expect(model.streamEvents.get('runModel')?.errorCodes).toContain(OWN);
    expect(checker.check(runModel, stream(given.code, given.docUrl), { ending: OWN })).toEqual(want);
  });
});
