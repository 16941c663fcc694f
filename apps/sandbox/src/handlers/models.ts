// listModels and getModel: the seeded models, as the Model schema describes them.
import { CatalogError } from '@errata/server';
import type { ModelDefinition } from '../seed.js';
import type { Handler } from './handler.js';

const publicModel = ({ id, task, description, visibility, requires_agreement, supports_lora }: ModelDefinition) => ({
  id,
  task,
  description,
  visibility,
  requires_agreement,
  supports_lora,
});

export const listModels: Handler = async ({ c, state }) =>
  c.json({ data: [...state.models.values()].map(publicModel) });

export const getModel: Handler = async ({ c, state }) => {
  const id = c.req.param('model')!;
  const model = state.models.get(id);
  if (!model) throw new CatalogError('MODEL_NOT_FOUND', { params: { model: id } });
  return c.json(publicModel(model));
};
