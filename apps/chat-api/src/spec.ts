// The bundled spec (`pnpm generate`: redocly bundle → src/generated/openapi.json) and the server
// kit bound to it. Read at runtime so it is the same file from src/ (tests) and dist/ (start).
import { readFileSync } from 'node:fs';
import { createErrataServer } from '@errata/server';
import type { OpenApiDocument } from '@errata/spec-model';

/** Chat API's bundled OpenAPI document. */
const spec = JSON.parse(
  readFileSync(new URL('../src/generated/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument;

/** The kit: every error response built from this spec's catalog (Errata's codes and CHAT_*). */
export const server = createErrataServer({ spec });
