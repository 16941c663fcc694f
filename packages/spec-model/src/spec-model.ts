/**
 * The spec model: one typed, cached view of an OpenAPI 3.1 document that uses Errata's envelope.
 * Every part of Errata that needs operations, declared codes, the catalog, providers or stream
 * events asks this; nobody resolves `$ref`s or lists HTTP methods on their own.
 */
import { type ErrorDefinition, readCatalog } from './catalog.js';
import type { OpenApiDocument } from './document.js';
import type { Providers } from './generated/meta.js';
import { readOperations, readResponse, type SpecOperation, type SpecResponse } from './operations.js';
import { lookupPointer } from './pointer.js';
import { resolveRef } from './resolve.js';
import { readStream, type StreamSchema } from './stream-events.js';

export interface SpecModel {
  readonly document: OpenApiDocument;
  /** Follows `node`'s `$ref` chain; throws `SpecModelError`, never returns `undefined` for a bad ref. */
  resolve<T = unknown>(node: unknown): T;
  /** The value at a JSON Pointer (`#/a/b~1c`); throws `SpecModelError`. */
  lookup(pointer: string): unknown;
  /** Every operation: paths in document order, methods in `HTTP_METHODS` order. */
  readonly operations: readonly SpecOperation[];
  operation(operationId: string): SpecOperation | undefined;
  /** The response for requests that match no operation (`x-errata.unrouted_response`). */
  readonly unroutedResponse: SpecResponse | undefined;
  /** Every error code, in internal-code order. */
  readonly errors: ReadonlyMap<string, ErrorDefinition>;
  /** The providers the crosswalk maps from (`x-errata.providers`). */
  readonly providers: Providers;
  /** Base URL of the error catalog (`x-errata.docs_url`); a code's section is `${docsUrl}#${code}`. */
  readonly docsUrl: string | undefined;
  /** Which codes an operation declares, and under which status. */
  declaredCodes(operation: SpecOperation): ReadonlyMap<string, number>;
  /** Operation id → the event stream it declares, for the operations that stream. */
  readonly streamEvents: ReadonlyMap<string, StreamSchema>;
}

const models = new WeakMap<object, SpecModel>();

/**
 * The model of `document`, built on first use and cached per document object. Parts are read
 * lazily, so a caller that needs only the catalog does not walk every operation.
 *
 * @example
 * import spec from '@errata/types/openapi.json' with { type: 'json' };
 * const model = createSpecModel(spec);
 * model.operation('runModel')?.responses.find((r) => r.status === 429)?.codes; // ['RATE_LIMIT_EXCEEDED', …]
 */
export function createSpecModel(document: OpenApiDocument): SpecModel {
  const hit = models.get(document);
  if (hit) return hit;
  const once = <T>(read: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => {
      value ??= { v: read() };
      return value.v;
    };
  };
  const operations = once(() => readOperations(document));
  const byId = once(() => new Map(operations().map((op) => [op.operationId, op])));
  const errors = once(() => readCatalog(document));
  const unrouted = once(() => {
    const node = document['x-errata']?.unrouted_response;
    if (node === undefined) return undefined;
    const codes = readResponse(document, 0, node, '#/x-errata/unrouted_response').codes;
    const status = codes.map((code) => errors().get(code)?.meta.status).find((s) => s !== undefined) ?? 404;
    return readResponse(document, status, node, '#/x-errata/unrouted_response');
  });
  const providers = once(() => resolveRef<Providers | undefined>(document, document['x-errata']?.providers) ?? {});
  const streams = once(
    () =>
      new Map(
        operations().flatMap((op) => {
          const s = readStream(document, op);
          return s ? [[op.operationId, s] as const] : [];
        }),
      ),
  );
  const declared = new WeakMap<SpecOperation, Map<string, number>>();

  const model: SpecModel = {
    document,
    resolve: <T>(node: unknown) => resolveRef<T>(document, node),
    lookup: (pointer) => lookupPointer(document, pointer),
    get operations() {
      return operations();
    },
    operation: (operationId) => byId().get(operationId),
    get unroutedResponse() {
      return unrouted();
    },
    get errors() {
      return errors();
    },
    get providers() {
      return providers();
    },
    docsUrl: document['x-errata']?.docs_url,
    declaredCodes(operation) {
      let codes = declared.get(operation);
      if (!codes) {
        codes = new Map();
        for (const response of operation.responses) for (const code of response.codes) codes.set(code, response.status);
        declared.set(operation, codes);
      }
      return codes;
    },
    get streamEvents() {
      return streams();
    },
  };
  models.set(document, model);
  return model;
}
