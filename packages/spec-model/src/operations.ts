/**
 * The document's operations as data: method, path, parameters, request body and, per status,
 * the response it declares — which error codes it can carry and which headers it requires.
 */
import { HTTP_METHODS, type OpenApiDocument } from './document.js';
import { responseCodes } from './error-schema.js';
import { escapePointer, pointerOf } from './pointer.js';
import { pointerFor, resolveRef } from './resolve.js';

/** A header a response declares. */
export interface SpecHeader {
  name: string;
  required: boolean;
  /** JSON Pointer of the header's schema. */
  schemaPointer: string;
}

/** One response an operation declares under one status. */
export interface SpecResponse {
  status: number;
  /** JSON Pointer of the response object (its `$ref` target when it is a reference). */
  pointer: string;
  /** The media types of its `content`, in spec order. */
  mediaTypes: string[];
  /** JSON Pointer of its JSON schema, when it has one. */
  schemaPointer: string | undefined;
  /** For an error response: the codes its JSON schema can carry, in spec order. */
  codes: string[];
  headers: SpecHeader[];
}

/** A parameter an operation takes (path-level parameters included). */
export interface SpecParameter {
  name: string;
  in: 'path' | 'header' | 'query' | 'cookie';
  required: boolean;
  /** The parameter's schema, `$ref`s at its root resolved. */
  schema: Record<string, unknown>;
  schemaPointer: string;
  description?: string;
}

/** The request body an operation accepts. */
export interface SpecRequestBody {
  /** The first media type of its `content`. */
  contentType: string;
  /** Every media type of its `content`, in spec order. */
  contentTypes: string[];
  /** JSON Pointer of the first media type's schema. */
  schemaPointer: string;
  required: boolean;
  /** The media type's examples' values, or else its schema's `examples`. */
  examples: unknown[];
}

/** One operation of the document. */
export interface SpecOperation {
  operationId: string;
  /** Upper case: `GET`, `POST`, … */
  method: string;
  /** The path template, e.g. `/v1/models/{model}/run`. */
  path: string;
  /** JSON Pointer of the operation object. */
  pointer: string;
  summary: string | undefined;
  tags: string[];
  parameters: SpecParameter[];
  requestBody: SpecRequestBody | undefined;
  /** Responses with a three-digit status, in status order (`default` and `4XX` ranges are not read). */
  responses: SpecResponse[];
}

type ResponseNode = { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> };
type ParameterNode = {
  name: string;
  in: SpecParameter['in'];
  required?: boolean;
  schema?: unknown;
  description?: string;
};
type OperationNode = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
type BodyNode = {
  required?: boolean;
  content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }> }>;
};

/**
 * Reads one response object under `status`; `foundAt` is where it sits in the document.
 *
 * @example
 * readResponse(document, 404, { $ref: '#/components/responses/ModelNotFound' }, '#/paths/…/404').codes;
 */
export function readResponse(document: OpenApiDocument, status: number, node: unknown, foundAt: string): SpecResponse {
  const pointer = pointerFor(node, foundAt);
  const response = resolveRef<ResponseNode>(document, node);
  const mediaTypes = Object.keys(response.content ?? {});
  const json =
    mediaTypes.find((type) => type === 'application/json') ?? mediaTypes.find((type) => type.endsWith('+json'));
  const schemaPointer =
    json && response.content?.[json]?.schema !== undefined
      ? `${pointer}/content/${escapePointer(json)}/schema`
      : undefined;
  const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
    const base = pointerFor(header, `${pointer}/headers/${escapePointer(name)}`);
    return {
      name,
      required: resolveRef<{ required?: boolean }>(document, header).required === true,
      schemaPointer: `${base}/schema`,
    };
  });
  return { status, pointer, mediaTypes, schemaPointer, codes: responseCodes(document, response), headers };
}

function readParameters(document: OpenApiDocument, lists: { nodes: unknown[]; at: string }[]): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const { nodes, at } of lists) {
    nodes.forEach((node, i) => {
      const base = pointerFor(node, `${at}/${i}`);
      const parameter = resolveRef<ParameterNode>(document, node);
      const schema = resolveRef<Record<string, unknown>>(document, parameter.schema ?? {});
      const read: SpecParameter = {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true || parameter.in === 'path',
        schema,
        schemaPointer: pointerFor(parameter.schema, `${base}/schema`),
        ...(parameter.description ? { description: parameter.description } : {}),
      };
      // An operation's parameter overrides the path item's of the same name and location.
      byKey.set(`${parameter.in}:${parameter.name}`, read);
    });
  }
  return [...byKey.values()];
}

function readRequestBody(document: OpenApiDocument, node: unknown, at: string): SpecRequestBody | undefined {
  if (node === undefined) return undefined;
  const base = pointerFor(node, at);
  const body = resolveRef<BodyNode>(document, node);
  const contentTypes = Object.keys(body.content ?? {});
  const contentType = contentTypes[0];
  if (contentType === undefined) return undefined;
  const media = body.content![contentType]!;
  const schema = resolveRef<{ examples?: unknown[] } | undefined>(document, media.schema);
  const examples = media.examples
    ? Object.values(media.examples).map((example) => resolveRef<{ value?: unknown }>(document, example).value)
    : (schema?.examples ?? []);
  return {
    contentType,
    contentTypes,
    schemaPointer: `${base}/content/${escapePointer(contentType)}/schema`,
    required: body.required === true,
    examples,
  };
}

/**
 * Every operation of the document, path by path in document order, methods in
 * {@link HTTP_METHODS} order. An operation without `operationId` is named `METHOD path`.
 *
 * @example
 * readOperations(document).map((op) => op.operationId); // ['listModels', 'getModel', …]
 */
export function readOperations(document: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, itemNode] of Object.entries(document.paths ?? {})) {
    const itemPointer = pointerFor(itemNode, pointerOf('paths', path));
    const item = resolveRef<Record<string, unknown> & { parameters?: unknown[] }>(document, itemNode);
    for (const method of HTTP_METHODS) {
      const op = item[method] as OperationNode | undefined;
      if (!op) continue;
      const pointer = `${itemPointer}/${method}`;
      const responses = Object.entries(op.responses ?? {})
        .filter(([status]) => /^\d{3}$/.test(status))
        .map(([status, node]) => readResponse(document, Number(status), node, `${pointer}/responses/${status}`))
        .sort((a, b) => a.status - b.status);
      operations.push({
        operationId: op.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pointer,
        summary: op.summary,
        tags: op.tags ?? [],
        parameters: readParameters(document, [
          { nodes: item.parameters ?? [], at: `${itemPointer}/parameters` },
          { nodes: op.parameters ?? [], at: `${pointer}/parameters` },
        ]),
        requestBody: readRequestBody(document, op.requestBody, `${pointer}/requestBody`),
        responses,
      });
    }
  }
  return operations;
}
