import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './document.js';
import { HTTP_METHODS } from './document.js';
import { createSpecModel } from './spec-model.js';

const errata = createRequire(import.meta.url)('@errata/spec/openapi.json') as OpenApiDocument;

// A small document of the shapes other teams write: every method, a path-level parameter, an error
// schema whose component name is not its code, a response with no oneOf, and a stream.
const envelope = { type: 'object', required: ['code'], properties: { code: { type: 'string' } } };
const error = (code: string, status: number) => ({
  'x-error': {
    status,
    internal_code: 1000 + status,
    category: 'server',
    retry: 'backoff',
    message: code,
    remedy: 'Retry.',
  },
  allOf: [
    { $ref: '#/components/schemas/Envelope' },
    { properties: { code: { const: code }, status: { const: status } } },
  ],
});
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const tiny: OpenApiDocument = {
  openapi: '3.1.0',
  'x-errata': {
    docs_url: 'https://example.test/errors',
    unrouted_response: json({ $ref: '#/components/schemas/Gone' }),
    providers: { $ref: '#/components/x-providers' },
  },
  paths: {
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
      ...Object.fromEntries(
        HTTP_METHODS.map((method) => [
          method,
          {
            operationId: `${method}Thing`,
            responses: { '200': { description: 'ok' }, default: { description: 'ignored' } },
          },
        ]),
      ),
    },
    '/stream': {
      post: {
        responses: {
          '200': {
            content: {
              'text/event-stream': {
                schema: {
                  oneOf: [
                    { properties: { event: { const: 'token' } } },
                    {
                      properties: {
                        event: { const: 'error' },
                        data: { oneOf: [{ $ref: '#/components/schemas/Busy' }] },
                      },
                    },
                  ],
                },
              },
            },
          },
          '503': { $ref: '#/components/responses/Busy' },
          '500': json({ $ref: '#/components/schemas/Busy' }),
        },
      },
    },
  },
  components: {
    'x-providers': { acme: { title: 'Acme', docs: 'https://acme.test/errors', fields: { code: ['error.code'] } } },
    responses: {
      Busy: json({ oneOf: [{ $ref: '#/components/schemas/Busy' }, { $ref: '#/components/schemas/Gone' }] }),
    },
    schemas: { Envelope: envelope, Busy: error('SERVER_BUSY', 503), Gone: error('GONE_FOR_GOOD', 410) },
  },
};

describe('createSpecModel on a small document', () => {
  const model = createSpecModel(tiny);

  it('reads every method OpenAPI allows, trace included, in HTTP_METHODS order', () => {
    expect(model.operations.filter((op) => op.path === '/things/{id}').map((op) => op.method)).toEqual(
      HTTP_METHODS.map((m) => m.toUpperCase()),
    );
  });

  it('names an operation without operationId by method and path', () => {
    expect(model.operations.at(-1)?.operationId).toBe('POST /stream');
  });

  it('applies path-level parameters to every operation', () => {
    expect(model.operation('traceThing')?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
  });

  it('reads codes from the code const through allOf, not from the $ref tail', () => {
    const stream = model.operation('POST /stream')!;
    expect(stream.responses.map((r) => [r.status, r.codes])).toEqual([
      [200, []],
      [500, ['SERVER_BUSY']],
      [503, ['SERVER_BUSY', 'GONE_FOR_GOOD']],
    ]);
    expect([...model.declaredCodes(stream)]).toEqual([
      ['SERVER_BUSY', 503],
      ['GONE_FOR_GOOD', 503],
    ]);
  });

  it('skips default and range responses', () => {
    expect(model.operation('getThing')?.responses.map((r) => r.status)).toEqual([200]);
  });

  it('keys the catalog by code, in internal-code order', () => {
    expect([...model.errors.keys()]).toEqual(['GONE_FOR_GOOD', 'SERVER_BUSY']);
    expect(model.errors.get('SERVER_BUSY')).toMatchObject({
      pointer: '#/components/schemas/Busy',
      meta: { status: 503 },
    });
  });

  it('reads the unrouted response with the status of its code', () => {
    expect(model.unroutedResponse).toMatchObject({ status: 410, codes: ['GONE_FOR_GOOD'] });
  });

  it('resolves the providers', () => {
    expect(model.providers.acme?.fields.code).toEqual(['error.code']);
  });

  it('reads stream events and the codes of the error event', () => {
    const stream = model.streamEvents.get('POST /stream');
    expect([...(stream?.events.keys() ?? [])]).toEqual(['token', 'error']);
    expect(stream?.errorCodes).toEqual(['SERVER_BUSY']);
  });

  it('is cached per document', () => {
    expect(createSpecModel(tiny)).toBe(model);
  });
});

describe('createSpecModel on the Errata spec', () => {
  const model = createSpecModel(errata);

  it('has one operation per operationId in the document', () => {
    const ids = Object.values(errata.paths ?? {})
      .flatMap((item) => Object.values(item).map((op) => (op as { operationId?: string }).operationId))
      .filter(Boolean);
    expect(model.operations.map((op) => op.operationId).sort()).toEqual(ids.sort());
  });

  it('every declared code is in the catalog and under the status its x-error states', () => {
    for (const op of model.operations) {
      for (const [code, status] of model.declaredCodes(op))
        expect(model.errors.get(code)?.meta.status, `${op.operationId} ${code}`).toBe(status);
    }
  });

  it('every catalog entry is an error schema the document defines', () => {
    const schemas = errata.components?.schemas ?? {};
    const withMeta = Object.values(schemas).filter((schema) => (schema as Record<string, unknown>)['x-error']);
    expect(model.errors.size).toBe(withMeta.length);
  });

  it('every stream error code can end a stream', () => {
    const streamed = [...model.streamEvents.values()].flatMap((stream) => stream.errorCodes);
    expect(streamed.length).toBeGreaterThan(0);
    for (const code of streamed) expect(model.errors.get(code)?.meta.mid_stream, code).toBeDefined();
  });
});
