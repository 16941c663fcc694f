// Errata's bundled spec, as @errata/types ships it; the sandbox reads it through @errata/spec-model.
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '@errata/spec-model';

/** The bundled spec (`@errata/types/openapi.json`); require caches it, so every caller gets one object. */
export const loadSpec = (): OpenApiDocument => createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
