import { describe, expect, it } from 'vitest';
import { lookupPointer, pointerOf } from './pointer.js';
import { MAX_REF_DEPTH, resolveRef } from './resolve.js';
import { SpecModelError, type SpecModelErrorKind } from './spec-model-error.js';

const chain = Object.fromEntries(
  Array.from({ length: MAX_REF_DEPTH + 2 }, (_, i) => [`S${i}`, { $ref: `#/components/schemas/S${i + 1}` }]),
);
const document = {
  components: {
    schemas: {
      Target: { type: 'string' },
      Alias: { $ref: '#/components/schemas/Target' },
      AliasOfAlias: { $ref: '#/components/schemas/Alias' },
      A: { $ref: '#/components/schemas/B' },
      B: { $ref: '#/components/schemas/A' },
      Self: { $ref: '#/components/schemas/Self' },
      'With/Slash': { const: 'slash' },
      'With~Tilde': { const: 'tilde' },
      ...chain,
    },
  },
};
const ref = (name: string) => ({ $ref: pointerOf('components', 'schemas', name) });

describe('resolveRef', () => {
  it.each([
    { name: 'a node without $ref is returned as it is', given: { type: 'integer' }, want: { type: 'integer' } },
    { name: 'one hop', given: ref('Alias'), want: { type: 'string' } },
    { name: 'two hops', given: ref('AliasOfAlias'), want: { type: 'string' } },
    { name: 'an escaped slash', given: ref('With/Slash'), want: { const: 'slash' } },
    { name: 'an escaped tilde', given: ref('With~Tilde'), want: { const: 'tilde' } },
  ])('$name', ({ given, want }) => {
    expect(resolveRef(document, given)).toEqual(want);
  });

  it.each<{ name: string; given: unknown; kind: SpecModelErrorKind; message: RegExp }>([
    {
      name: 'a two-schema cycle',
      given: ref('A'),
      kind: 'cycle',
      message: /cycle: #\/components\/schemas\/A → #\/components\/schemas\/B → #\/components\/schemas\/A/,
    },
    { name: 'a schema that points at itself', given: ref('Self'), kind: 'cycle', message: /cycle/ },
    {
      name: 'a chain past the depth limit',
      given: ref('S0'),
      kind: 'too-deep',
      message: new RegExp(`longer than ${MAX_REF_DEPTH}`),
    },
    { name: 'a pointer that names nothing', given: ref('Missing'), kind: 'unresolvable', message: /no "Missing"/ },
    {
      name: 'a reference to another file',
      given: { $ref: './other.yaml#/X' },
      kind: 'external',
      message: /bundle the spec first/,
    },
  ])('$name throws SpecModelError($kind), never undefined', ({ given, kind, message }) => {
    const error = (() => {
      try {
        resolveRef(document, given);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecModelError);
    expect((error as SpecModelError).kind).toBe(kind);
    expect((error as SpecModelError).message).toMatch(message);
  });
});

describe('lookupPointer', () => {
  it('does not follow inherited properties', () => {
    expect(() => lookupPointer({}, '#/constructor')).toThrow(SpecModelError);
  });
  it('reads the root', () => {
    expect(lookupPointer(document, '#')).toBe(document);
  });
});
