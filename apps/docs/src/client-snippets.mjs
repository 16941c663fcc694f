/**
 * TypeScript snippets that use @errata/client, generated from the spec: the call of each operation
 * (path parameters and body from the spec's examples) and how to handle each code (from its retry
 * policy). They are documentation text; the client's own README tests type-check its API.
 */
import { createSpecModel } from '@errata/spec-model';

/**
 * A node of `spec` with its `$ref` chain followed by the spec model, typed loosely for reading.
 *
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {unknown} node
 * @returns {any}
 */
const resolved = (spec, node) => createSpecModel(spec).resolve(node);

/**
 * The lines that create a client against the spec's first server. The snippets of the catalog
 * assume them (they use `client`, and the one that calls fetch itself `baseUrl` and `apiKey`).
 *
 * @example
 * clientSetup(spec); // "import { createClient } from '@errata/client';\n…"
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {string} [baseUrl] where the client points (default: the spec's first server)
 * @returns {string}
 */
export function clientSetup(
  spec,
  baseUrl = /** @type {{ servers?: { url: string }[] }} */ (spec).servers?.[0]?.url ?? 'https://api.example.com',
) {
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
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {import('./model.js').OperationErrors} operation
 * @param {string} [bind] what the call's result is destructured into
 * @returns {string}
 */
export function operationCall(spec, operation, bind = '{ data, error }') {
  const definition = resolved(spec, createSpecModel(spec).lookup(operation.pointer)) ?? {};
  /** @type {string[]} */
  const options = [];
  const pathParams = (definition.parameters ?? [])
    .map((/** @type {unknown} */ parameter) => resolved(spec, parameter))
    .filter((/** @type {any} */ parameter) => parameter.in === 'path');
  if (pathParams.length > 0) {
    const values = pathParams.map((/** @type {any} */ p) => `${p.name}: ${literal(exampleOf(spec, p) ?? p.name)}`);
    options.push(`params: { path: { ${values.join(', ')} } }`);
  }
  const content = resolved(spec, definition.requestBody)?.content ?? {};
  /** @type {string[]} */
  let before = [];
  if (content['application/json']) {
    options.push(`body: ${literal(exampleOf(spec, content['application/json']) ?? {})}`);
  } else if (content['multipart/form-data']) {
    const multipart = multipartOptions(spec, content['multipart/form-data']);
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
 * handlingSnippet(spec, model.operations, entry); // "const { error } = await client.GET(…);\nif (error?.code === 'MODEL_NOT_FOUND') {…"
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {import('./model.js').OperationErrors[]} operations
 * @param {import('./model.js').CodeEntry} entry
 * @returns {string}
 */
export function handlingSnippet(spec, operations, entry) {
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
      'const response = await fetch(`${baseUrl}/v1/no-such-path`, { headers: { Authorization: `Bearer ${apiKey}` } });',
      'const error = normalizeError({ status: response.status, headers: response.headers, body: await response.text() });',
      `if (error.code === ${literal(entry.code)}) {`,
      '  // No operation matches this method and path: check the base URL and the path.',
      '  console.error(error.message, error.request_id);',
      '}',
    ].join('\n');
  }
  const body = [`  // ${CLIENT_RETRIES[entry.retry]}`];
  if (entry.retry === 'after_retry_after') {
    body.push('  await new Promise((resolve) => setTimeout(resolve, error.retry_after * 1000));');
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
 *
 * @type {Record<import('@errata/types').RetryPolicy, string>}
 */
const CLIENT_RETRIES = {
  never: 'Not retried: change the request first.',
  backoff: 'Already retried with backoff (maxRetries); try again later.',
  after_retry_after: 'Already retried as the server asked (up to maxRetryAfter); it asks for retry_after more seconds.',
};

/**
 * The `x-codeSamples` source of one operation: create the client, call, narrow on `error.code`.
 *
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {import('./model.js').OperationErrors} operation
 * @returns {string}
 */
export function operationSample(spec, operation) {
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
 *
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {any} node
 * @returns {unknown}
 */
function exampleOf(spec, node) {
  if (node.example !== undefined) return node.example;
  const named = Object.values(node.examples ?? {})[0];
  if (named !== undefined && !Array.isArray(node.examples)) return resolved(spec, named)?.value;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  return node.schema ? exampleOf(spec, resolved(spec, node.schema)) : undefined;
}

/**
 * openapi-fetch sends JSON unless told otherwise: a multipart body needs a serializer that builds
 * FormData (openapi-fetch then leaves Content-Type to fetch, which adds the boundary). The spec
 * types a binary part as a string (openapi-typescript's reading of `contentMediaType`), so the
 * file goes through the serializer as the Blob it is.
 *
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {any} media
 * @returns {{ before: string[], options: string[] }}
 */
function multipartOptions(spec, media) {
  const schema = resolved(spec, media.schema) ?? {};
  /** @type {string[]} */
  const before = [];
  /** @type {string[]} */
  const fields = [];
  /** @type {string[]} */
  const appends = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const prop = resolved(spec, property);
    if (prop.contentMediaType || prop.format === 'binary') {
      if (before.length === 0) {
        before.push(
          '// A File from <input type="file"> in a browser; in Node, `await fs.openAsBlob(path)` or a File.',
          '// The typed body names the file (the spec types it as a string); the serializer sends the File.',
          `const file = new File(['{"prompt":"Hi","completion":"Hello"}\\n'], 'train.jsonl', { type: 'application/jsonl' });`,
        );
      }
      fields.push(`${name}: file.name`);
      appends.push(`form.append(${literal(name)}, file);`);
    } else {
      fields.push(`${name}: ${literal(prop.examples?.[0] ?? prop.enum?.[0] ?? name)}`);
      appends.push(`form.append(${literal(name)}, String(body.${name}));`);
    }
  }
  return {
    before,
    options: [
      `body: { ${fields.join(', ')} }`,
      `bodySerializer: (body) => {\n  const form = new FormData();\n${appends.map((line) => `  ${line}`).join('\n')}\n  return form;\n}`,
    ],
  };
}

/**
 * A value as a TypeScript literal: single quotes, unquoted identifier keys.
 *
 * @param {unknown} value
 * @returns {string}
 */
export function literal(value) {
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
