/**
 * The spec's operations as data: method, path, parameters, request body and, per status, the
 * response it declares — which error codes it can carry and which headers it requires. Both the
 * sandbox (to route and to decide what `Errata-Simulate` may produce) and the suite (to know what
 * to probe and what to accept) read operations from here.
 */
import { isErrorCode, type ErrorCode } from '@errata/types';
import { escapePointer, lookupPointer, resolveRef, type OpenApiDocument } from './spec.js';

/** A header a response declares. */
export interface SpecHeader {
  name: string;
  required: boolean;
  /** JSON Pointer (into the spec) of the header's schema. */
  schemaPointer: string;
}

/** One response an operation declares, under one status. */
export interface SpecResponse {
  status: number;
  /** JSON Pointer of the response object (after following its `$ref`). */
  pointer: string;
  /** JSON Pointer of its `application/json` schema, when it has one. */
  schemaPointer: string | undefined;
  /** For an error response: the codes of its `oneOf`, in spec order. */
  codes: ErrorCode[];
  headers: SpecHeader[];
}

/** A parameter (path or header) an operation takes. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'header' | 'query' | 'cookie';
  required: boolean;
  schema: Record<string, unknown>;
  description?: string;
}

/** One operation of the spec. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/models/{model}/run`. */
  path: string;
  parameters: SpecParameter[];
  requestBody: { contentType: string; schemaPointer: string; required: boolean; examples: unknown[] } | undefined;
  responses: SpecResponse[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function responseFrom(spec: OpenApiDocument, status: number, node: unknown, inlinePointer: string): SpecResponse {
  const ref = (node as { $ref?: string }).$ref;
  const pointer = ref ?? inlinePointer;
  const response = resolveRef<{ headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>(spec, node);
  const json = response.content?.['application/json'];
  const schemaPointer = json?.schema ? `${pointer}/content/application~1json/schema` : undefined;
  const oneOf = (json?.schema as { oneOf?: { $ref?: string }[] } | undefined)?.oneOf ?? [];
  const codes = oneOf.map((member) => member.$ref?.split('/').pop()).filter((code): code is ErrorCode => isErrorCode(code));
  const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
    const headerRef = (header as { $ref?: string }).$ref;
    const resolved = resolveRef<{ required?: boolean }>(spec, header);
    const base = headerRef ?? `${pointer}/headers/${escapePointer(name)}`;
    return { name, required: resolved.required === true, schemaPointer: `${base}/schema` };
  });
  return { status, pointer, schemaPointer, codes, headers };
}

const cache = new WeakMap<OpenApiDocument, SpecOperation[]>();

/**
 * Every operation of the spec, in document order.
 *
 * @example
 * const run = specOperations(loadSpec()).find((op) => op.operationId === 'runModel')!;
 * run.responses.find((r) => r.status === 429)!.codes; // ['RATE_LIMIT_EXCEEDED', …]
 */
export function specOperations(spec: OpenApiDocument): SpecOperation[] {
  const hit = cache.get(spec);
  if (hit) return hit;
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, any> | undefined;
      if (!op) continue;
      const opPointer = `#/paths/${escapePointer(path)}/${method}`;
      const parameters = ((op.parameters ?? []) as unknown[]).map((p) => resolveRef<SpecParameter>(spec, p));
      let requestBody: SpecOperation['requestBody'];
      if (op.requestBody) {
        const body = resolveRef<{ required?: boolean; content: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }> }>(spec, op.requestBody);
        const [contentType, media] = Object.entries(body.content)[0]!;
        const schemaPointer = `${opPointer}/requestBody/content/${escapePointer(contentType)}/schema`;
        const schema = resolveRef<{ examples?: unknown[] }>(spec, media.schema);
        const examples = media.examples ? Object.values(media.examples).map((e) => e.value) : (schema.examples ?? []);
        requestBody = { contentType, schemaPointer, required: body.required === true, examples };
      }
      const responses = Object.entries(op.responses as Record<string, unknown>).map(([status, node]) =>
        responseFrom(spec, Number(status), node, `${opPointer}/responses/${status}`),
      );
      responses.sort((a, b) => a.status - b.status);
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), path, parameters, requestBody, responses });
    }
  }
  cache.set(spec, operations);
  return operations;
}

/**
 * The response for requests that match no operation (`x-errata.unrouted_response`: ENDPOINT_NOT_FOUND).
 *
 * @example
 * unroutedResponse(loadSpec()).codes; // ['ENDPOINT_NOT_FOUND']
 */
export function unroutedResponse(spec: OpenApiDocument): SpecResponse {
  const node = spec['x-errata'].unrouted_response;
  const resolved = resolveRef<{ content: Record<string, { schema: { oneOf: { $ref: string }[] } }> }>(spec, node);
  const code = resolved.content['application/json']!.schema.oneOf[0]!.$ref.split('/').pop()!;
  const status = (lookupPointer(spec, `#/components/schemas/${code}`) as { 'x-error': { status: number } })['x-error'].status;
  return responseFrom(spec, status, node, '#/x-errata/unrouted_response');
}

/**
 * Which codes an operation declares, and under which status.
 *
 * @example
 * declaredCodes(runModel).get('PROMPT_TOO_LONG'); // 400
 */
export function declaredCodes(operation: SpecOperation): ReadonlyMap<ErrorCode, number> {
  let codes = declared.get(operation);
  if (!codes) {
    codes = new Map<ErrorCode, number>();
    for (const response of operation.responses) for (const code of response.codes) codes.set(code, response.status);
    declared.set(operation, codes);
  }
  return codes;
}

// Servers ask this on every error: computed once per operation.
const declared = new WeakMap<SpecOperation, Map<ErrorCode, number>>();

/**
 * The input schema a model of `task` is validated against: the member of `RunInput`'s `anyOf`
 * whose title is the task's name followed by "input" (`text-generation` → "Text generation input").
 *
 * @example
 * inputSchemaPointer(loadSpec(), 'image-generation'); // '#/components/schemas/ImageGenerationInput'
 */
export function inputSchemaPointer(spec: OpenApiDocument, task: string): string | undefined {
  const runInput = lookupPointer(spec, '#/components/schemas/RunInput') as { anyOf: { $ref: string }[] };
  const want = `${task} input`.replace(/-/g, ' ').toLowerCase();
  return runInput.anyOf.find((member) => (resolveRef<{ title?: string }>(spec, member).title ?? '').toLowerCase() === want)?.$ref;
}
