// Errata's own bundled spec, as the installed @errata/types ships it: a server is held to exactly
// the spec those types were built from. Everything is read from it through @errata/spec-model.
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '@errata/spec-model';

/** The bundled spec (`@errata/types/openapi.json`); require caches it, so every caller gets one object. */
export const loadSpec = (): OpenApiDocument =>
  createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
