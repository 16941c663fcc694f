// The spec, read once through the spec model; every sandbox module asks this one model.
import { errataSpec } from '@errata/server';
import { createSpecModel, type SpecModel } from '@errata/spec-model';

export const model: SpecModel = createSpecModel(errataSpec());
