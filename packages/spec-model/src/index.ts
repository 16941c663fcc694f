/**
 * @errata/spec-model — one typed reader of an OpenAPI 3.1 document that uses Errata's envelope.
 *
 * @example
 * import { createSpecModel } from '@errata/spec-model';
 * const model = createSpecModel(document);
 * for (const op of model.operations) console.log(op.method, op.path, [...model.declaredCodes(op).keys()]);
 */

export type { ErrorDefinition } from './catalog.js';
export type { HttpMethod, OpenApiDocument } from './document.js';
export { HTTP_METHODS, isJsonMediaType } from './document.js';
export { constOf, responseCodes } from './error-schema.js';
export type { CrosswalkEntry, Provider, Providers, XError } from './generated/meta.js';
export { isObject } from './is-object.js';
export type { SpecHeader, SpecOperation, SpecParameter, SpecRequestBody, SpecResponse } from './operations.js';
export { escapePointer, lookupPointer, pointerOf } from './pointer.js';
export { MAX_REF_DEPTH, pointerFor, resolveRef } from './resolve.js';
export type { ErrorUnionMember, ResolveNode } from './schema-readers.js';
// Reading schemas through any resolver (the model's, or Redocly's in the lint rules).
export {
  requiredProperties,
  responseErrorMembers,
  schemaConst,
  schemaParts,
  unionCodes,
} from './schema-readers.js';
export type { ErrorObject, SpecAjv, ValidateFunction } from './spec-ajv.js';
// Validating against the document's schemas.
export { compileSpecSchema, createSpecAjv, SPEC_ID } from './spec-ajv.js';
export type { SpecModel } from './spec-model.js';
// The model.
export { createSpecModel } from './spec-model.js';
export type { SpecModelErrorKind } from './spec-model-error.js';
// Reading the document by hand, where the views above do not reach.
export { SpecModelError } from './spec-model-error.js';
// What a bare status means, with no provider named and per provider.
export { defaultCodeByStatus, providerStatusDefaults } from './status-defaults.js';
export type { StreamSchema } from './stream-events.js';
export { EVENT_STREAM } from './stream-events.js';
// Message templates, and the one test for a JSON object.
export { fillTemplate, templateParams } from './templates.js';
export { errorCodeFor, errorCodesOf } from './x-error-code.js';
