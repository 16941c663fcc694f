import type { OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { loadSpec } from './docs-model.js';
import { operationErrors, unroutedCodes } from './operation-errors.js';

const errorSchema = (code: string, status: number) => ({
  allOf: [
    { $ref: '#/components/schemas/Envelope' },
    { properties: { code: { const: code }, status: { const: status } } },
  ],
});
const fixture = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        summary: 'Get a thing',
        responses: {
          '200': { description: 'ok' },
          '404': { $ref: '#/components/responses/NotFound' },
          '401': {
            content: {
              'application/json': {
                schema: { oneOf: [{ $ref: '#/components/schemas/NO_KEY' }, { $ref: '#/components/schemas/BAD_KEY' }] },
              },
            },
          },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
  components: {
    schemas: {
      Envelope: { type: 'object' },
      NO_KEY: errorSchema('NO_KEY', 401),
      BAD_KEY: errorSchema('BAD_KEY', 401),
      // Named differently from its code: the const is what counts.
      ThingMissing: errorSchema('THING_NOT_FOUND', 404),
      NOWHERE: errorSchema('NOWHERE', 404),
    },
    responses: {
      NotFound: {
        content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/ThingMissing' }] } } },
      },
      Unrouted: { content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/NOWHERE' }] } } } },
    },
  },
  'x-errata': { unrouted_response: { $ref: '#/components/responses/Unrouted' } },
} satisfies OpenApiDocument;

describe('operationErrors', () => {
  it('lists each operation with its error statuses in order and the codes each carries', () => {
    const view = operationErrors(fixture).map(({ operationId, method, path, summary, errors }) => ({
      operationId,
      method,
      path,
      summary,
      errors,
    }));
    expect(view).toEqual([
      {
        operationId: 'getThing',
        method: 'GET',
        path: '/things/{id}',
        summary: 'Get a thing',
        errors: [
          { status: 401, codes: ['NO_KEY', 'BAD_KEY'] },
          { status: 404, codes: ['THING_NOT_FOUND'] },
        ],
      },
      { operationId: 'DELETE /things/{id}', method: 'DELETE', path: '/things/{id}', summary: '', errors: [] },
    ]);
  });

  it('reads the unrouted response from x-errata', () => {
    expect(unroutedCodes(fixture)).toEqual(['NOWHERE']);
    expect(unroutedCodes({ ...fixture, 'x-errata': {} })).toEqual([]);
  });

  it('fails on a reference it cannot resolve instead of dropping codes', () => {
    const broken = structuredClone(fixture);
    Object.assign(broken.paths['/things/{id}'].get.responses, { '500': { $ref: '#/components/responses/Missing' } });
    expect(() => operationErrors(broken)).toThrow(/Missing/);
  });

  it('finds, in the bundled spec, every code each status of each operation declares', () => {
    const spec = loadSpec();
    for (const operation of operationErrors(spec)) {
      const definition = spec.paths?.[operation.path]?.[operation.method.toLowerCase()] as {
        responses: Record<string, unknown>;
      };
      const declared = Object.keys(definition.responses).filter((status) => /^[45]/.test(status));
      expect(operation.errors.map((e) => String(e.status))).toEqual(declared.sort());
      for (const { codes } of operation.errors) expect(codes.length).toBeGreaterThan(0);
    }
  });
});
