// A model's output checked against its task's output schema from the spec.
import type { SandboxState } from '../internal/state.js';
import type { ModelDefinition } from '../seed.js';

export function outputViolations(
  state: SandboxState,
  model: ModelDefinition,
  output: unknown,
): { instancePath: string; message: string }[] | undefined {
  const validate = state.outputs[model.task]!;
  if (validate(output)) return undefined;
  return (validate.errors ?? []).map((e) => ({
    instancePath: `/output${e.instancePath}`,
    message: e.message ?? e.keyword,
  }));
}
