// The config against the spec it is used with: every operationId it names exists, every code it
// names is one the operation (or some operation) declares, every path parameter is one the spec
// has. A config the suite could not fully use is an error, with the path and a did-you-mean.
import type { SpecModel } from '@errata/spec-model';
import { didYouMean } from '../internal/did-you-mean.js';
import { type ContractConfig, ContractConfigError } from './config.js';

/**
 * Throws `ContractConfigError` listing every name in `config` that `model` does not have.
 *
 * @example
 * checkConfigAgainstSpec({ triggers: [{ code: 'MODEL_NOT_FOUND', operation: 'createEmbeddings' }] }, model, 'c.yaml');
 * // throws: c.yaml: triggers[0].operation: no operation createEmbeddings (did you mean "createEmbedding"?)
 */
export function checkConfigAgainstSpec(config: ContractConfig, model: SpecModel, file: string): void {
  const problems: string[] = [];
  const ids = model.operations.map((op) => op.operationId);
  const declaredAnywhere = new Set(model.operations.flatMap((op) => [...model.declaredCodes(op).keys()]));
  if (model.unroutedResponse) for (const code of model.unroutedResponse.codes) declaredAnywhere.add(code);
  const operation = (at: string, id: string | undefined) => {
    if (id === undefined || ids.includes(id)) return true;
    problems.push(`${at}: no operation ${id} in the spec${didYouMean(id, ids)}`);
    return false;
  };
  const code = (at: string, name: string, operationId?: string) => {
    if (!model.errors.has(name)) {
      problems.push(`${at}: ${name} is not a code of the spec's catalog${didYouMean(name, model.errors.keys())}`);
      return;
    }
    if (operationId !== undefined) {
      const declared = [...model.declaredCodes(model.operation(operationId)!).keys()];
      if (!declared.includes(name))
        problems.push(
          `${at}: ${operationId} does not declare ${name} (it declares ${declared.join(', ') || 'no code'})`,
        );
    } else if (!declaredAnywhere.has(name)) problems.push(`${at}: no operation declares ${name}`);
  };
  config.triggers?.forEach((trigger, i) => {
    const known = operation(`triggers[${i}].operation`, trigger.operation);
    code(`triggers[${i}].code`, trigger.code, known ? trigger.operation : undefined);
  });
  for (const name of Object.keys(config.auth?.keys ?? {})) code(`auth.keys.${name}`, name);
  config.notProbed?.forEach((entry, i) => {
    const known = operation(`notProbed[${i}].operation`, entry.operation);
    if (entry.code !== undefined) code(`notProbed[${i}].code`, entry.code, known ? entry.operation : undefined);
  });
  config.operations?.forEach((id, i) => {
    operation(`operations[${i}]`, id);
  });
  const params = new Set(
    model.operations.flatMap((op) => op.parameters.filter((p) => p.in === 'path').map((p) => p.name)),
  );
  for (const name of Object.keys(config.pathParams ?? {}))
    if (!params.has(name))
      problems.push(`pathParams.${name}: no path parameter ${name} in the spec${didYouMean(name, params)}`);
  if (problems.length) throw new ContractConfigError(problems.map((p) => `${file}: ${p}`).join('\n'));
}
