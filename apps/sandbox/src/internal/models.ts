// What the built-in models do with an input. Deterministic: the same input gives the same output.
// Outputs are checked against the spec's output schema of the model's task, so a model that
// breaks its schema (broken-1) is caught the way a real provider regression would be.
import { createHash } from 'node:crypto';
import type { ModelDefinition } from '../seed.js';
import { flatPng } from './png.js';
import { imageSizes } from './spec-enums.js';

export interface ModelOutcome {
  output?: unknown;
  usage?: { input_tokens: number; output_tokens: number };
  /** Why the model failed, when it did. */
  failure?: string;
}

function echo(input: Record<string, unknown>): ModelOutcome {
  const words = String(input.prompt).split(/\s+/).filter(Boolean);
  const max = typeof input.max_tokens === 'number' ? input.max_tokens : words.length;
  const kept = words.slice(0, max);
  return {
    output: { text: kept.join(' '), finish_reason: kept.length < words.length ? 'length' : 'stop' },
    usage: { input_tokens: words.length, output_tokens: kept.length },
  };
}

function image(input: Record<string, unknown>): ModelOutcome {
  const [sizeW, sizeH] = (typeof input.size === 'string' ? imageSizes.get(input.size) : undefined) ?? [512, 512];
  const width = typeof input.width === 'number' ? input.width : sizeW;
  const height = typeof input.height === 'number' ? input.height : sizeH;
  const samples = typeof input.samples === 'number' ? input.samples : 1;
  const images = Array.from({ length: samples }, (_, i) => {
    const hash = createHash('sha256')
      .update(`${String(input.prompt)}\u0000${i}`)
      .digest();
    const png = flatPng(width, height, [hash[0]!, hash[1]!, hash[2]!]);
    return { url: `data:image/png;base64,${png.toString('base64')}`, width, height };
  });
  return {
    output: { images },
    usage: { input_tokens: String(input.prompt).split(/\s+/).filter(Boolean).length, output_tokens: 0 },
  };
}

/** Runs a model on a validated input. */
export function execute(model: ModelDefinition, input: Record<string, unknown>): ModelOutcome {
  switch (model.behaviour) {
    case 'image':
      return image(input);
    case 'broken':
      // `text` must be a string: this violates TextOutput on purpose.
      return { output: { text: 42, finish_reason: 'sometimes' } };
    case 'fail':
      return { failure: `Provider error: ${model.id} crashed while loading its weights` };
    default:
      return echo(input);
  }
}

/** Output schema of a task, in the spec. */
export const outputSchemaOf: Record<ModelDefinition['task'], string> = {
  'text-generation': '#/components/schemas/TextOutput',
  'image-generation': '#/components/schemas/ImageOutput',
};
