/**
 * TypeScript snippets that use @errata/client, generated from the spec: the call of each operation
 * (path parameters and body from the spec's examples) and how to handle each code (from its retry
 * policy). They are documentation text; the client's own README tests type-check its API.
 */
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import type { RetryPolicy } from '@errata/types';
import type { CodeEntry } from './docs-model.js';
import type { OperationErrors } from './operation-errors.js';

/** The parts of an OpenAPI object the snippets read its examples from (parameter, media type, schema). */
interface ExampleSource {
  example?: unknown;
  examples?: unknown[] | Record<string, unknown>;
  schema?: unknown;
}

/** The parts of a parameter, media type or schema the snippets read. */
export interface SnippetNode extends ExampleSource {
  in?: string;
  name?: string;
  value?: unknown;
  enum?: unknown[];
  format?: string;
  contentMediaType?: string;
  properties?: Record<string, unknown>;
  parameters?: unknown[];
  requestBody?: unknown;
  content?: Record<string, SnippetNode | undefined>;
}

/** A node of `spec` with its `$ref` chain followed by the spec model; `{}` for none. */
export function resolved(spec: OpenApiDocument, node: unknown): SnippetNode {
  return node === undefined ? {} : (createSpecModel(spec).resolve<SnippetNode | undefined>(node) ?? {});
}

/**
 * The lines that create a client against the spec's first server. The snippets of the catalog
 * assume them (they use `client`, and the one that calls fetch itself `baseUrl` and `apiKey`).
 *
 * @example
 * clientSetup(spec); // "import { createClient } from '@errata/client';\n…"
 *
 * @param baseUrl where the client points (default: the spec's first server)
 */
export function clientSetup(spec: OpenApiDocument, baseUrl = firstServer(spec) ?? 'https://api.example.com'): string {
  return [
    "import { createClient } from '@errata/client';",
    '',
    `const baseUrl = ${literal(baseUrl)};`,
    'const apiKey = process.env.ERRATA_API_KEY;',
    'const client = createClient({ baseUrl, apiKey });',
  ].join('\n');
}

/**
 * `const { data, error } = await client.METHOD(path, options);` for one operation, with example
 * values from the spec.
 *
 * @example
 * operationCall(spec, model.operations[0]); // "const { data, error } = await client.GET('/v1/models');"
 *
 * @param bind what the call's result is destructured into
 */
export function operationCall(spec: OpenApiDocument, operation: OperationErrors, bind = '{ data, error }'): string {
  const definition = resolved(spec, createSpecModel(spec).lookup(operation.pointer));
  const options: string[] = [];
  const pathParams = (definition.parameters ?? [])
    .map((parameter) => resolved(spec, parameter))
    .filter((parameter) => parameter.in === 'path');
  if (pathParams.length > 0) {
    const values = pathParams.map((p) => `${p.name}: ${literal(exampleOf(spec, p) ?? p.name)}`);
    options.push(`params: { path: { ${values.join(', ')} } }`);
  }
  const content = resolved(spec, definition.requestBody).content ?? {};
  const json = content['application/json'];
  const multipartMedia = content['multipart/form-data'];
  let before: string[] = [];
  if (json) {
    options.push(`body: ${literal(exampleOf(spec, json) ?? {})}`);
  } else if (multipartMedia) {
    const multipart = multipartOptions(spec, multipartMedia);
    before = multipart.before;
    options.push(...multipart.options);
  }
  const head = `const ${bind} = await client.${operation.method}(${literal(operation.path)}`;
  const prelude = before.map((line) => `${line}\n`).join('');
  if (options.length === 0) return `${prelude}${head});`;
  const oneLine = `${head}, { ${options.join(', ')} });`;
  if (oneLine.length <= 100 && !oneLine.includes('\n')) return `${prelude}${oneLine}`;
  return `${prelude}${head}, {\n${options.map((option) => `  ${option.replace(/\n/g, '\n  ')},`).join('\n')}\n});`;
}

/**
 * How to handle one code with the client, after the shortest call that can return it.
 *
 * @example
 * handlingSnippet(spec, model.operations, entry);
 * // "const { error } = await client.GET(…);\nif (error?.code === 'MODEL_NOT_FOUND') {…"
 */
export function handlingSnippet(spec: OpenApiDocument, operations: OperationErrors[], entry: CodeEntry): string {
  // The shortest call that can return the code keeps the snippet about the error, not the call.
  const operation = operations
    .filter((op) => entry.operations.includes(op.operationId))
    .map((op) => ({ op, length: operationCall(spec, op).length }))
    .sort((a, b) => a.length - b.length)[0]?.op;
  if (!operation) {
    // No operation declares it (the unrouted response), so the typed client cannot call the path.
    return [
      "import { normalizeError } from '@errata/client/normalize';",
      '',
      '// No operation has this path, so call it with fetch and normalize the error body.',
      `const response = await fetch(\`\${baseUrl}/v1/no-such-path\`, ` +
        `{ headers: { Authorization: \`Bearer \${apiKey}\` } });`,
      'const error = normalizeError({ status: response.status, headers: response.headers, ' +
        'body: await response.text() });',
      `if (error.code === ${literal(entry.code)}) {`,
      '  // No operation matches this method and path: check the base URL and the path.',
      '  console.error(error.message, error.request_id);',
      '}',
    ].join('\n');
  }
  const body = [`  // ${CLIENT_RETRIES[entry.retry]}`];
  if (entry.retry === 'after_retry_after') {
    // retry_after is absent when the provider stated no wait: the client already backed off.
    body.push('  await new Promise((resolve) => setTimeout(resolve, (error.retry_after ?? 1) * 1000));');
  } else {
    body.push(`  console.error(error.message, ${entry.hasDetails ? 'error.details, ' : ''}error.request_id);`);
  }
  return [
    operationCall(spec, operation, '{ error }'),
    `if (error?.code === ${literal(entry.code)}) {`,
    ...body,
    '}',
  ].join('\n');
}

/**
 * What the client has already done with an error of each retry policy by the time it returns it,
 * and what is left to the caller.
 */
const CLIENT_RETRIES: Record<RetryPolicy, string> = {
  never: 'Not retried: change the request first.',
  backoff: 'Already retried with backoff (maxRetries); try again later.',
  after_retry_after: 'Already retried as the server asked (up to maxRetryAfter); it asks for retry_after more seconds.',
};

/**
 * The `x-codeSamples` source of one operation: create the client, call, narrow on `error.code`.
 *
 * @example
 * operationSample(spec, model.operations[0]); // "import { createClient } from '@errata/client';\n…"
 */
export function operationSample(spec: OpenApiDocument, operation: OperationErrors): string {
  const count = new Set(operation.errors.flatMap((status) => status.codes)).size;
  return [
    clientSetup(spec),
    operationCall(spec, operation),
    'if (error) {',
    `  // error.code narrows to the ${count} codes this operation declares; see error.doc_url.`,
    '  console.error(error.code, error.message, error.request_id);',
    '} else {',
    '  console.log(data);',
    '}',
  ].join('\n');
}

/**
 * The first example of a parameter, media type or schema.
 */
function exampleOf(spec: OpenApiDocument, node: ExampleSource): unknown {
  if (node.example !== undefined) return node.example;
  const named = Object.values(node.examples ?? {})[0];
  if (named !== undefined && !Array.isArray(node.examples)) return resolved(spec, named).value;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  return node.schema ? exampleOf(spec, resolved(spec, node.schema)) : undefined;
}

/**
 * openapi-fetch sends JSON unless told otherwise: a multipart body needs a serializer that builds
 * FormData (openapi-fetch then leaves Content-Type to fetch, which adds the boundary). The spec
 * types a binary part as a string (openapi-typescript's reading of `contentMediaType`), so the
 * file goes through the serializer as the Blob it is.
 */
function multipartOptions(spec: OpenApiDocument, media: SnippetNode): { before: string[]; options: string[] } {
  const schema = resolved(spec, media.schema);
  const before: string[] = [];
  const fields: string[] = [];
  const appends: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const prop = resolved(spec, property);
    if (prop.contentMediaType || prop.format === 'binary') {
      if (before.length === 0) {
        before.push(
          '// A File from <input type="file"> in a browser; in Node, `await fs.openAsBlob(path)` or a File.',
          '// The typed body names the file (the spec types it as a string); the serializer sends the File.',
          `const file = new File(['{"prompt":"Hi","completion":"Hello"}\\n'], 'train.jsonl', ` +
            `{ type: 'application/jsonl' });`,
        );
      }
      fields.push(`${name}: file.name`);
      appends.push(`form.append(${literal(name)}, file);`);
    } else {
      const example = Array.isArray(prop.examples) ? prop.examples[0] : undefined;
      fields.push(`${name}: ${literal(example ?? prop.enum?.[0] ?? name)}`);
      appends.push(`form.append(${literal(name)}, String(body.${name}));`);
    }
  }
  return {
    before,
    options: [
      `body: { ${fields.join(', ')} }`,
      'bodySerializer: (body) => {\n  const form = new FormData();\n' +
        `${appends.map((line) => `  ${line}`).join('\n')}\n  return form;\n}`,
    ],
  };
}

/**
 * A value as a TypeScript literal: single quotes, unquoted identifier keys.
 *
 * @example
 * literal({ prompt: 'Hi', max_tokens: 8 }); // "{ prompt: 'Hi', max_tokens: 8 }"
 */
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    const pairs = Object.entries(value).map(
      ([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key)}: ${literal(item)}`,
    );
    return pairs.length > 0 ? `{ ${pairs.join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The URL of the spec's first server. */
function firstServer(spec: OpenApiDocument): string | undefined {
  const servers = spec.servers;
  if (!Array.isArray(servers)) return undefined;
  const [first] = servers;
  return typeof first === 'object' && first !== null && 'url' in first && typeof first.url === 'string'
    ? first.url
    : undefined;
}
