// A spec an adopter might write: Errata's components, but a catalog of only the codes it names, and
// one operation — the shape of chat-api's spec before it declared 413 and 408.
import type { OpenApiDocument } from '@errata/spec-model';
import { errataSpec } from '../errata-spec.js';

/** Errata's spec with only `codes` in its catalog and one POST /v1/echo declaring them all under 400/401/500. */
export function narrowSpec(codes: string[]): OpenApiDocument {
  const full = structuredClone(errataSpec()) as OpenApiDocument & {
    components: { schemas: Record<string, { 'x-error'?: { status: number } }> };
  };
  const schemas = Object.fromEntries(
    Object.entries(full.components.schemas).filter(([name, s]) => !s['x-error'] || codes.includes(name)),
  );
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = schemas[code]!['x-error']!.status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = Object.fromEntries(
    [...byStatus].map(([status, names]) => [
      String(status),
      {
        description: `${status}`,
        content: {
          'application/json': {
            schema: {
              oneOf: names.map((n) => ({ $ref: `#/components/schemas/${n}` })),
              discriminator: { propertyName: 'code' },
            },
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Echo', version: '1' },
    security: [{ bearer: [] }],
    paths: {
      '/v1/echo': {
        post: {
          operationId: 'echo',
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': { description: 'ok' }, ...responses },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  } as unknown as OpenApiDocument;
}
