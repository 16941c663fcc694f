/**
 * Checks a streamed response (`text/event-stream`) against the spec: status 200, the headers the
 * operation's 200 declares, and a body that is zero or more `token` events (indexes 0, 1, 2…),
 * then exactly one `done` or one `error`, then nothing. Each event validates against its schema
 * in the spec's stream schema (`StreamEvent`'s `oneOf`, told apart by the `event` name); an error
 * event's `data` validates against its code's own schema, is one of the codes the spec allows
 * mid-stream, and agrees with the stream: `request_id` = `X-Request-Id`, `doc_url` from the
 * catalog, `details.tokens_delivered` = the token events before it. The result is a diff.
 */
import { catalog, isErrorCode, type ErrorCode } from '@errata/types';
import type { CapturedResponse, ResponseChecker } from './check-response.js';
import { parseEventStream } from './internal/event-stream.js';
import type { SpecOperation } from './operations.js';
import { compileSpecSchema, type SpecAjv, type ValidateFunction } from './spec-ajv.js';
import { lookupPointer, resolveRef, type OpenApiDocument } from './spec.js';

/** A streamed response as received; `transportError` when the connection failed part-way. */
export interface CapturedStream extends CapturedResponse {
  transportError?: string;
}

/** How a stream must end: `done`, or an error event with this code. */
export type StreamEnding = 'done' | ErrorCode;

/** The events of an operation's stream, as the spec declares them. */
export interface StreamSchema {
  /** JSON Pointer of each event's schema, by event name (`token`, `done`, `error`). */
  events: Map<string, string>;
  /** The codes an error event may carry. */
  errorCodes: ErrorCode[];
}

const STACK_FRAME = /\n\s*at\s+\S.*(?::\d+:\d+\)?)/;

/**
 * The stream an operation's 200 response declares (`text/event-stream`), or undefined.
 *
 * @example
 * streamSchemaOf(loadSpec(), runModel)?.errorCodes; // ['OVERLOADED', 'TIMEOUT', …]
 */
export function streamSchemaOf(spec: OpenApiDocument, operation: SpecOperation): StreamSchema | undefined {
  const ok = operation.responses.find((r) => r.status === 200);
  if (!ok) return undefined;
  const response = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(spec, lookupPointer(spec, ok.pointer));
  const media = response.content?.['text/event-stream'];
  if (!media?.schema) return undefined;
  const root = resolveRef<{ oneOf?: { $ref?: string }[] }>(spec, media.schema);
  const events = new Map<string, string>();
  let errorCodes: ErrorCode[] = [];
  for (const member of root.oneOf ?? []) {
    if (!member.$ref) continue;
    const schema = resolveRef<{ properties?: { event?: { const?: string }; data?: { oneOf?: { $ref?: string }[] } } }>(spec, member);
    const name = schema.properties?.event?.const;
    if (!name) continue;
    events.set(name, member.$ref);
    const codes = (schema.properties?.data?.oneOf ?? []).map((m) => m.$ref?.split('/').pop()).filter((c): c is ErrorCode => isErrorCode(c));
    if (codes.length) errorCodes = codes;
  }
  return { events, errorCodes };
}

/** Checks streamed responses of any operation that declares a stream. */
export interface StreamChecker {
  check(operation: SpecOperation, response: CapturedStream, expectation?: { ending?: StreamEnding; maxTokens?: number }): string[];
}

/**
 * Builds a stream checker; an error response (before the stream) is checked by `responses`.
 *
 * @example
 * const checker = createStreamChecker(spec, ajv, createResponseChecker(spec, ajv));
 * checker.check(runModel, { status: 200, headers, text }, { ending: 'done' }); // [] when it conforms
 */
export function createStreamChecker(spec: OpenApiDocument, ajv: SpecAjv, responses: ResponseChecker): StreamChecker {
  const compiled = new Map<string, ValidateFunction>();
  const schemaDiff = (pointer: string, value: unknown, where: string) => {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = compileSpecSchema(ajv, pointer)));
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message ?? e.keyword}`);
  };

  return {
    check(operation, response, expectation = {}) {
      const schema = streamSchemaOf(spec, operation);
      if (!schema) return [`${operation.operationId} declares no text/event-stream response`];
      if (response.status !== 200) {
        return [`status: expected 200 and a stream, got ${response.status}`, ...responses.check(operation, response, isErrorCode(expectation.ending) ? { code: expectation.ending } : {})];
      }
      const diff: string[] = [];
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/event-stream')) diff.push(`header Content-Type: expected text/event-stream, got ${JSON.stringify(type)}`);
      const declared = operation.responses.find((r) => r.status === 200)!;
      for (const header of declared.headers) {
        const raw = response.headers.get(header.name);
        if (raw === null) {
          if (header.required) diff.push(`header ${header.name}: missing`);
        } else diff.push(...schemaDiff(header.schemaPointer, raw, `header ${header.name}`));
      }
      if (STACK_FRAME.test(response.text) || STACK_FRAME.test(response.text.replace(/\\n/g, '\n'))) diff.push('body: contains a stack trace');

      const requestId = response.headers.get('x-request-id');
      const { events, trailing } = parseEventStream(response.text);
      let tokens = 0;
      let final: string | undefined;
      for (const [i, { event, data }] of events.entries()) {
        const where = `event ${i} (${event ?? 'unnamed'})`;
        if (final) {
          diff.push(`${where}: after the final ${final} event`);
          continue;
        }
        const pointer = event === undefined ? undefined : schema.events.get(event);
        if (!pointer) {
          diff.push(`${where}: not an event the spec declares (${[...schema.events.keys()].join(', ')})`);
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          diff.push(`${where}: data is not JSON: ${JSON.stringify(data.slice(0, 80))}`);
          continue;
        }
        if (event !== 'error') {
          diff.push(...schemaDiff(pointer, { event, data: parsed }, where));
          if (event === 'token') {
            const index = (parsed as { index?: unknown } | null)?.index;
            if (typeof index === 'number' && index !== tokens) diff.push(`${where}/data/index: expected ${tokens}, got ${index}`);
            tokens++;
          } else final = event;
          continue;
        }
        final = 'error';
        const body = (parsed ?? {}) as Record<string, unknown>;
        const code = body.code;
        if (!isErrorCode(code) || !schema.errorCodes.includes(code)) {
          diff.push(`${where}/data/code: ${JSON.stringify(code)} is not a code the spec allows mid-stream (${schema.errorCodes.join(', ')})`);
          continue;
        }
        final = `error ${code}`;
        diff.push(...schemaDiff(`#/components/schemas/${code}`, body, `${where}/data`));
        if (requestId !== null && body.request_id !== requestId) diff.push(`${where}/data/request_id: ${JSON.stringify(body.request_id)} differs from X-Request-Id ${JSON.stringify(requestId)}`);
        if (body.doc_url !== catalog[code].docUrl) diff.push(`${where}/data/doc_url: expected ${catalog[code].docUrl}, got ${JSON.stringify(body.doc_url)}`);
        const delivered = (body.details as { tokens_delivered?: unknown } | undefined)?.tokens_delivered;
        if (delivered !== tokens) diff.push(`${where}/data/details/tokens_delivered: expected ${tokens} (the token events before it), got ${JSON.stringify(delivered)}`);
      }
      if (response.transportError) diff.push(`stream: the connection failed after ${events.length} events: ${response.transportError}`);
      else if (trailing) diff.push(`stream: ends in the middle of an event (after ${events.length} complete events)`);
      if (!final) diff.push(`stream: ended without a done or error event (after ${tokens} token events)`);
      if (expectation.maxTokens !== undefined && tokens > expectation.maxTokens) diff.push(`stream: ${tokens} token events before the error, asked for ${expectation.maxTokens}`);
      const want = expectation.ending === undefined ? undefined : expectation.ending === 'done' ? 'done' : `error ${expectation.ending}`;
      if (want && final && final !== want) diff.push(`stream: expected it to end with ${want}, it ended with ${final}`);
      return diff;
    },
  };
}
