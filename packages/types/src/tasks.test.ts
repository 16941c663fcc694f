// taskInputSchemas is computed once, at generation, from the Task enum and RunInput's anyOf: every
// task has exactly one input schema, and each one is a RunInput member that validates its examples.
import { createRequire } from 'node:module';
import { compileSpecSchema, createSpecAjv, createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { components } from './generated/openapi.js';
import { taskInputSchemas } from './generated/tasks.js';

const spec = createRequire(import.meta.url)('../spec/openapi.json') as OpenApiDocument;
const model = createSpecModel(spec);
const runInput = model.lookup('#/components/schemas/RunInput') as { anyOf: unknown[] };
const members = runInput.anyOf.map((member) => model.resolve(member));
const ajv = createSpecAjv(spec);

describe('taskInputSchemas', () => {
  it('has every task of the Task enum, and nothing else', () => {
    expect(Object.keys(taskInputSchemas).sort()).toEqual(
      [...(model.lookup('#/components/schemas/Task') as { enum: string[] }).enum].sort(),
    );
    expectTypeOf<keyof typeof taskInputSchemas>().toEqualTypeOf<components['schemas']['Task']>();
  });

  it('gives each task a different member of RunInput.anyOf', () => {
    const targets = Object.values(taskInputSchemas).map((pointer) => model.lookup(pointer));
    for (const target of targets) expect(members).toContain(target);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it.each(Object.entries(taskInputSchemas).map(([task, pointer]) => ({ name: task, pointer })))(
    '$name: its schema accepts its own examples and rejects an empty object',
    ({ pointer }) => {
      const validate = compileSpecSchema(ajv, pointer);
      const { examples = [] } = model.lookup(pointer) as { examples?: unknown[] };
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({})).toBe(false);
    },
  );
});
