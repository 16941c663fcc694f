// Input fields: one trigger per code an input field's `x-error-code` names (per failing keyword,
// when it is a map), with a violating value derived from the field's own constraints. Nothing here
// names a code: a field the spec gives an `x-error-code` gets its trigger by being in the spec.
import { errorCodesOf, type SpecModel } from '@errata/spec-model';
import { isErrorCode, taskInputSchemas } from '@errata/types';
import { runWith } from './requests.js';
import type { Trigger, TriggerFamily, TriggerSource } from './trigger.js';

type PropertySchema = {
  maximum?: number;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  pattern?: string;
  contentEncoding?: string;
  'x-error-code'?: unknown;
};

/**
 * A value that violates `keyword` of a property (`'*'`: any of its constraints), derived from the
 * constraints themselves; undefined when the suite cannot build one.
 *
 * @example
 * violation({ type: 'number', maximum: 2 }); // 3
 */
export function violation(schema: PropertySchema, keyword = '*'): unknown {
  const any = keyword === '*';
  const wants = (...keywords: string[]) => any || keywords.includes(keyword);
  if (wants('maximum') && schema.maximum !== undefined) return schema.maximum + 1;
  if (wants('minimum') && schema.minimum !== undefined) return schema.minimum - 1;
  if (wants('maxLength') && schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  if (wants('minLength') && schema.minLength !== undefined && schema.minLength > 0) return '';
  if (wants('enum') && schema.enum) return '__errata_contract_not_allowed__';
  if (wants('pattern', 'contentEncoding') && (schema.pattern || schema.contentEncoding)) return '*** not base64 ***';
  return undefined;
}

/** A field of a task's input, a keyword it fails, the code the spec names for that, and a value that fails it. */
interface FieldViolation {
  task: string;
  field: string;
  keyword: string;
  code: Trigger['code'];
  value: unknown;
}

function inputProperties(model: SpecModel, task: string): [string, PropertySchema][] {
  if (!Object.hasOwn(taskInputSchemas, task)) return [];
  const pointer = taskInputSchemas[task as keyof typeof taskInputSchemas];
  const schema = model.lookup(pointer) as { properties: Record<string, unknown> };
  return Object.entries(schema.properties).map(([name, raw]) => [name, model.resolve<PropertySchema>(raw)]);
}

/** The first violation of each code, over `tasks` in order: a code two tasks share is caused once. */
function fieldViolations({ model, tasks }: TriggerSource): FieldViolation[] {
  const found = new Map<Trigger['code'], FieldViolation>();
  for (const task of tasks)
    for (const [field, property] of inputProperties(model, task))
      for (const [keyword, code] of errorCodesOf(property)) {
        const value = violation(property, keyword);
        if (isErrorCode(code) && !found.has(code) && value !== undefined)
          found.set(code, { task, field, keyword, code, value });
      }
  return [...found.values()];
}

function fieldTrigger({ task, field, keyword, code, value }: FieldViolation): Trigger {
  return {
    code,
    operationId: 'runModel',
    cause: `a ${task} run whose ${field} fails its ${keyword === '*' ? 'constraints' : keyword}`,
    unavailable: (c) => (c.plainModel(task) ? undefined : `no plain ${task} model`),
    run: runWith((c) => c.plainModel(task), { [field]: value }),
  };
}

export const inputFields: TriggerFamily = {
  name: 'input-fields',
  triggers: (source) => fieldViolations(source).map(fieldTrigger),
};
