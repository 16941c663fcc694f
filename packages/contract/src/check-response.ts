/**
 * Checks one HTTP response against what the spec declares for its operation: the status is
 * declared, the body validates against that status's schema (for an error, against its code's own
 * schema), required headers are present and valid, and the envelope agrees with itself and with
 * the catalog (`X-Request-Id` = `request_id`, `status` = HTTP status, `doc_url`, `Retry-After` =
 * `retry_after`). The result is a diff: one line per disagreement, empty when the response conforms.
 */
import {
  compileSpecSchema,
  createSpecAjv,
  createSpecModel,
  isObject,
  type OpenApiDocument,
  type SpecAjv,
  type SpecOperation,
  type SpecResponse,
  type ValidateFunction,
} from '@errata/spec-model';
import { loadSpec } from './internal/errata-spec.js';
import { containsStackTrace } from './internal/stack-trace.js';

/** The value at a JSON Pointer inside `value` (an ajv `instancePath`). */
const at = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, key) => (isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );

/** A response as received: status, headers and the raw body text. */
export interface CapturedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Whether `actual` is the catalog section `expected` names, at any origin and with or without a
 * trailing slash before the `#`: a server may link to the copy of the docs it serves itself
 * (the sandbox answers `http://127.0.0.1:4010/docs/errors/#CODE`), but never to another page or code.
 *
 * @example
 * isCatalogDocUrl('http://127.0.0.1:4010/docs/errors/#OVERLOADED', 'https://errata.dev/docs/errors#OVERLOADED');
 * // true
 */
export function isCatalogDocUrl(actual: unknown, expected: string): boolean {
  if (actual === expected) return true;
  if (typeof actual !== 'string' || !URL.canParse(actual) || !URL.canParse(expected)) return false;
  const [a, e] = [new URL(actual), new URL(expected)];
  const path = (url: URL) => url.pathname.replace(/\/+$/, '');
  return (
    (a.protocol === 'http:' || a.protocol === 'https:') &&
    a.hash === e.hash &&
    path(a) === path(e) &&
    a.search === e.search
  );
}

/** What a probe expects, beyond conformance: a particular error code. */
export interface Expectation {
  code?: string;
}

/** How the server under test names things the spec leaves to it. */
export interface CheckerOptions {
  /** The header that carries the request id, echoed as the body's `request_id` (default `X-Request-Id`). */
  requestIdHeader?: string;
}

/** The media type of RFC 9457 problem details, a second serialisation of the envelope. */
const PROBLEM_JSON = 'application/problem+json';

/** Envelope member → the problem details member that carries it (RFC 9457; Errata's others are extensions). */
const PROBLEM_MEMBERS: Record<string, string> = { message: 'detail', request_id: 'instance', doc_url: 'type' };

/** A problem details body read as the envelope it serialises: `detail` → `message`, `instance` → `request_id`… */
function envelopeOfProblem(problem: Record<string, unknown>): Record<string, unknown> {
  const { type, title: _, detail, instance, ...extensions } = problem;
  const envelope: Record<string, unknown> = { ...extensions };
  for (const [member, value] of [
    ['message', detail],
    ['request_id', instance],
    ['doc_url', type],
  ] as const)
    if (value !== undefined) envelope[member] = value;
  return envelope;
}

/** A diff line about the envelope, said in the problem details member's name. */
const inProblemTerms = (line: string): string =>
  Object.entries(PROBLEM_MEMBERS).reduce(
    (text, [member, name]) =>
      text.replace(`body/${member}`, `body/${name}`).replace(`property '${member}'`, `property '${name}'`),
    line,
  );

/** Checks responses of any operation (or of an unrouted path) against the spec. */
export interface ResponseChecker {
  check(operation: SpecOperation | 'unrouted', response: CapturedResponse, expectation?: Expectation): string[];
}

/**
 * Builds a checker with every schema compiled lazily, once.
 *
 * @example
 * const checker = createResponseChecker();
 * const diff = checker.check(listModels, { status: 200, headers, text });
 * if (diff.length) console.error(diff.join('\n'));
 */
export function createResponseChecker(
  spec: OpenApiDocument = loadSpec(),
  ajv: SpecAjv = createSpecAjv(spec),
  options: CheckerOptions = {},
): ResponseChecker {
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-Id';
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    let fn = compiled.get(pointer);
    if (!fn) {
      fn = compileSpecSchema(ajv, pointer);
      compiled.set(pointer, fn);
    }
    return fn;
  };
  const model = createSpecModel(spec);
  const unrouted = model.unroutedResponse;
  // The catalog is the spec's own (Errata's, or an adopter's union of Errata's codes and its own).
  const entryOf = (code: string) => {
    const definition = model.errors.get(code)!;
    return {
      status: definition.meta.status,
      retry: definition.meta.retry,
      docUrl: `${model.docsUrl ?? ''}#${code}`,
      pointer: definition.pointer,
    };
  };

  function schemaDiff(pointer: string, value: unknown, where: string): string[] {
    const validate = validator(pointer);
    if (validate(value)) return [];
    // A `const` or `enum` line shows what was expected and what came; the same line is said once.
    return [
      ...new Set(
        // `if`/`then` failures repeat the `then` branch's own lines; the branch's lines say what to fix.
        (validate.errors ?? [])
          .filter((e) => e.keyword !== 'if')
          .map((e) => {
            const params = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
            const expected =
              'allowedValue' in params
                ? ` (expected ${JSON.stringify(params.allowedValue)}, got ${JSON.stringify(at(value, e.instancePath))})`
                : params.allowedValues
                  ? ` (${params.allowedValues.join(', ')})`
                  : '';
            return `${where}${e.instancePath}: ${e.message ?? e.keyword}${expected}`;
          }),
      ),
    ];
  }

  function headerDiff(declared: SpecResponse, headers: Headers): string[] {
    const diff: string[] = [];
    for (const header of declared.headers) {
      const raw = headers.get(header.name);
      if (raw === null) {
        if (header.required) diff.push(`header ${header.name}: missing`);
        continue;
      }
      const schema = model.resolve<{ type?: string }>(model.lookup(header.schemaPointer));
      const value = schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      diff.push(
        ...schemaDiff(header.schemaPointer, value, `header ${header.name}`).map(
          (line) => `${line} (got ${JSON.stringify(raw)})`,
        ),
      );
    }
    return diff;
  }

  function envelopeDiff(response: CapturedResponse, body: Record<string, unknown>, declared: SpecResponse): string[] {
    const diff: string[] = [];
    const code = body.code;
    if (code === undefined && body.error !== null && typeof body.error === 'object') {
      // The commonest failure of a server that predates the contract: the provider's own shape.
      const missing = ['code', 'request_id', 'status'].filter((field) => !(field in body));
      return [
        `body is the provider's own nested \`error\` object: ` +
          `${missing.map((f) => `\`${f}\``).join(', ')} missing at the top level`,
      ];
    }
    if (typeof code !== 'string' || !model.errors.has(code)) {
      // Not the envelope at all, most often: say every member it lacks in one run, not one per run.
      const shape = declared.codes[0] === undefined ? [] : schemaDiff(entryOf(declared.codes[0]).pointer, body, 'body');
      const missing = [
        ...new Set(shape.flatMap((line) => /^body: must have required property '(.+)'$/.exec(line)?.[1] ?? [])),
      ];
      return [
        `body/code: ${JSON.stringify(code)} is not a catalog code` +
          `${declared.codes.length ? ` (${declared.status} declares ${declared.codes.join(', ')})` : ''}`,
        ...(missing.length ? [`body: not the envelope: missing ${missing.map((m) => `\`${m}\``).join(', ')}`] : []),
      ];
    }
    if (!declared.codes.includes(code))
      diff.push(`body/code: ${code} is not declared under ${declared.status} (declared: ${declared.codes.join(', ')})`);
    const entry = entryOf(code);
    diff.push(...schemaDiff(entry.pointer, body, 'body'));
    if (body.status !== response.status)
      diff.push(`body/status: ${JSON.stringify(body.status)} differs from the HTTP status ${response.status}`);
    if (entry.status !== response.status)
      diff.push(`status: ${code} is ${entry.status} in the catalog, got ${response.status}`);
    const headerId = response.headers.get(requestIdHeader);
    // A missing request_id is said once, by the schema line.
    if (headerId !== null && body.request_id !== undefined && body.request_id !== headerId)
      diff.push(
        `body/request_id: ${JSON.stringify(body.request_id)} ` +
          `differs from ${requestIdHeader} ${JSON.stringify(headerId)}`,
      );
    if (body.doc_url !== undefined && !isCatalogDocUrl(body.doc_url, entry.docUrl))
      diff.push(`body/doc_url: expected ${entry.docUrl} (at any origin), got ${JSON.stringify(body.doc_url)}`);
    if (entry.retry === 'after_retry_after') {
      const header = response.headers.get('retry-after');
      const declaredRequired = declared.headers.some((h) => h.required && h.name.toLowerCase() === 'retry-after');
      if (header === null) {
        if (!declaredRequired) diff.push(`header Retry-After: missing (${code} says to wait)`);
      } else if (body.retry_after !== undefined && String(body.retry_after) !== header)
        diff.push(`body/retry_after: ${JSON.stringify(body.retry_after)} differs from Retry-After ${header}`);
    }
    return diff;
  }

  // Each disagreement is said once, however many checks meet it.
  return {
    check: (operation, response, expectation = {}) => [...new Set(checkOnce(operation, response, expectation))],
  };

  function checkOnce(operation: SpecOperation | 'unrouted', response: CapturedResponse, expectation: Expectation) {
    const diff: string[] = [];
    const name = operation === 'unrouted' ? 'unrouted paths' : operation.operationId;
    const expectedStatus = expectation.code ? model.errors.get(expectation.code)?.meta.status : undefined;
    if (expectation.code && response.status !== expectedStatus) {
      diff.push(`status: expected ${expectedStatus} (${expectation.code}), got ${response.status}`);
    }
    if (containsStackTrace(response.text)) diff.push('body: contains a stack trace');
    const declared =
      operation === 'unrouted'
        ? response.status === unrouted?.status
          ? unrouted
          : undefined
        : operation.responses.find((r) => r.status === response.status);
    if (!declared) {
      const statuses =
        operation === 'unrouted' ? (unrouted ? [unrouted.status] : []) : operation.responses.map((r) => r.status);
      diff.push(`status: ${response.status} is not declared for ${name} (declared: ${statuses.join(', ')})`);
      return diff;
    }
    diff.push(...headerDiff(declared, response.headers));
    if (!declared.schemaPointer) return diff;
    const type = response.headers.get('content-type') ?? '';
    // problem+json is the envelope too, where the operation declares it for this status.
    const problem =
      response.status >= 400 && type.startsWith(PROBLEM_JSON) && declared.mediaTypes.includes(PROBLEM_JSON);
    if (!problem && !/^application\/json\b/.test(type)) {
      diff.push(
        `header Content-Type: expected application/json, got ${JSON.stringify(response.headers.get('content-type'))}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      diff.push(`body: not JSON: ${JSON.stringify(response.text.slice(0, 120))}`);
      return diff;
    }
    if (problem && isObject(body)) {
      if (typeof body.title !== 'string') diff.push('body/title: missing (RFC 9457 problem details need a title)');
      diff.push(...envelopeDiff(response, envelopeOfProblem(body), declared).map(inProblemTerms));
    } else if (response.status >= 400 && isObject(body)) {
      diff.push(...envelopeDiff(response, body, declared));
    } else {
      diff.push(...schemaDiff(declared.schemaPointer, body, 'body'));
    }
    const code = (body as { code?: unknown } | null)?.code;
    if (expectation.code && code !== expectation.code)
      diff.push(`body/code: expected ${expectation.code}, got ${JSON.stringify(code)}`);
    return diff;
  }
}

/**
 * Whether an operation declares a code (and so may be asked to produce it).
 *
 * @example
 * operationDeclares(createSpecModel(spec).operation('runModel')!, 'PROMPT_TOO_LONG'); // true
 */
export function operationDeclares(operation: SpecOperation, code: string): boolean {
  return operation.responses.some((response) => response.codes.includes(code));
}
