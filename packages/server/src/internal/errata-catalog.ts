/**
 * Errata's own bundled spec, read once: the definitions the kit falls back on for the codes it
 * answers on its own when an adopter's spec does not hold them.
 */
import { createRequire } from 'node:module';
import { createSpecModel, type OpenApiDocument, type SpecModel } from '@errata/spec-model';

const require = createRequire(import.meta.url);
let model: SpecModel | undefined;

export function errataDocument(): OpenApiDocument {
  return require('@errata/types/openapi.json') as OpenApiDocument;
}

export function errataModel(): SpecModel {
  model ??= createSpecModel(errataDocument());
  return model;
}
