// The resolver-agnostic readers, through a resolver of the kind Redocly's rules pass (a lookup of
// `$ref`s by name), so the same reading serves the model and the linter.
import { describe, expect, it } from 'vitest';
import { requiredProperties, responseErrorMembers, schemaConst, schemaParts, unionCodes } from './schema-readers.js';
import { fillTemplate, templateParams } from './templates.js';

const components: Record<string, unknown> = {
  Envelope: { type: 'object', required: ['code', 'status'], properties: { code: { type: 'string' } } },
  Pinned: { const: 'MODEL_NOT_FOUND' },
  MODEL_NOT_FOUND: {
    allOf: [
      { $ref: 'Envelope' },
      { required: ['details'], properties: { code: { $ref: 'Pinned' }, status: { const: 404 } } },
    ],
  },
  OVERLOADED: { allOf: [{ $ref: 'Envelope' }, { properties: { code: { const: 'OVERLOADED' } } }] },
};
const resolve = (node: unknown) => {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  return ref === undefined ? node : components[ref];
};
const notFound = { $ref: 'MODEL_NOT_FOUND' };
components.NotFoundResponse = {
  content: {
    'application/json': { schema: { oneOf: [notFound, { $ref: 'OVERLOADED' }] } },
    'application/problem+json': { schema: notFound },
    'text/plain': {},
  },
};

describe('schema readers', () => {
  it.each([
    {
      name: 'a const through a $ref inside allOf',
      given: () => schemaConst(notFound, 'code', resolve),
      want: 'MODEL_NOT_FOUND',
    },
    { name: 'a const in an allOf branch', given: () => schemaConst(notFound, 'status', resolve), want: 404 },
    { name: 'no const', given: () => schemaConst(notFound, 'message', resolve), want: undefined },
    { name: 'the parts, depth first', given: () => schemaParts(notFound, resolve).length, want: 3 },
    {
      name: 'required through allOf',
      given: () => [...requiredProperties(notFound, resolve)],
      want: ['code', 'status', 'details'],
    },
    {
      name: 'a union’s codes',
      given: () => unionCodes({ oneOf: [notFound, { $ref: 'OVERLOADED' }, notFound] }, resolve),
      want: ['MODEL_NOT_FOUND', 'OVERLOADED'],
    },
    { name: 'a single schema’s code', given: () => unionCodes({ $ref: 'OVERLOADED' }, resolve), want: ['OVERLOADED'] },
    {
      name: 'template parameters',
      given: () => templateParams('Model {model} has no {field}.'),
      want: ['model', 'field'],
    },
    {
      name: 'a response’s error members, media type by media type, through its $ref',
      given: () =>
        responseErrorMembers({ $ref: 'NotFoundResponse' }, resolve).map(
          (m) => `${m.mediaType} ${m.index} ${schemaConst(m.member, 'code', resolve)}`,
        ),
      want: [
        'application/json 0 MODEL_NOT_FOUND',
        'application/json 1 OVERLOADED',
        'application/problem+json 0 MODEL_NOT_FOUND',
      ],
    },
    { name: 'no template', given: () => templateParams(undefined), want: [] },
    {
      name: 'a template filled, a missing parameter kept',
      given: () => fillTemplate('Model {model} has no {field}.', { model: 'echo-1' }),
      want: 'Model echo-1 has no {field}.',
    },
    { name: 'a template without parameters', given: () => fillTemplate('Busy.', { model: 'x' }), want: 'Busy.' },
  ])('$name', ({ given, want }) => {
    expect(given()).toEqual(want);
  });
});
