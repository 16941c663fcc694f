// The copyable workflow and the composite action as the adopter-path test reads them. The action's
// `${{ … }}` expressions are evaluated here for the two contexts it uses (inputs, and
// github.action_path); anything else is an error, so the test never runs a step it misread.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

const repo = join(import.meta.dirname, '..', '..', '..', '..');
export const WORKFLOW_FILE = join(repo, 'docs', 'adopt', 'github-workflow.yml');
export const ACTION_FILE = join(repo, 'actions', 'errata-contract', 'action.yml');

interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
}

export interface Action {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: {
    using: string;
    steps: {
      name: string;
      shell?: string;
      if?: string;
      'working-directory'?: string;
      env?: Record<string, string>;
      run: string;
    }[];
  };
}

/** The action's steps with their env evaluated, ready for bash: `inputs` are the `with:` of a workflow. */
export interface ActionRun {
  name: string;
  run: string;
  env: Record<string, string>;
  workingDirectory: string;
}

/**
 * Reads an action.yml and evaluates its steps' env for the given inputs (defaults for the rest).
 *
 * @example
 * actionSteps(ACTION_FILE, { start: 'npm start' })[0];
 * // { name: 'Lint the spec…', run: 'npx redocly lint…', env: { SPEC: 'openapi.yaml' }, workingDirectory: '.' }
 */
export function actionSteps(file: string, given: Record<string, string>): ActionRun[] {
  const action = parse(readFileSync(file, 'utf8')) as Action;
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(action.inputs, name));
  if (unknown.length) throw new Error(`${file} has no input ${unknown.join(', ')}`);
  const inputs: Record<string, string> = {
    ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ''])),
    ...given,
  };
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'github.action_path') return dirname(file);
      const input = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
      if (input !== undefined && Object.hasOwn(inputs, input)) return inputs[input]!;
      throw new Error(`${file}: the test cannot evaluate \${{ ${expression} }}`);
    });
  return action.runs.steps.map((step) => {
    if (step.shell !== 'bash' || step.if !== undefined || step.run.includes('${{'))
      throw new Error(`${file}: step "${step.name}" must be shell: bash, without if:, its inputs in env only`);
    return {
      name: step.name,
      run: step.run,
      env: Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(value)])),
      workingDirectory: evaluate(step['working-directory'] ?? '.'),
    };
  });
}
