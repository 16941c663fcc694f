/**
 * Checks a streamed response (`text/event-stream`) against the spec: status 200, the headers the
 * operation's 200 declares, and a body that is zero or more `token` events (indexes 0, 1, 2…),
 * then exactly one `done` or one `error`, then nothing. Each event validates against its schema
 * in the spec's stream schema (`StreamEvent`'s `oneOf`, told apart by the `event` name); an error
 * event's `data` validates against its code's own schema, is one of the codes the spec allows
 * mid-stream, and agrees with the stream: `request_id` = `X-Request-Id`, `doc_url` from the
 * catalog, `details.tokens_delivered` = the token events before it. The result is a diff.
 */
import {
  compileSpecSchema,
  createSpecModel,
  type OpenApiDocument,
  type SpecAjv,
  type SpecOperation,
  type ValidateFunction,
} from '@errata/spec-model';
import type { ErrorCode } from '@errata/types';
import { type CapturedResponse, type CheckerOptions, isCatalogDocUrl, type ResponseChecker } from './check-response.js';
import { parseEventStream } from './internal/event-stream.js';
import { containsStackTrace } from './internal/stack-trace.js';

/** A streamed response as received; `transportError` when the connection failed part-way. */
export interface CapturedStream extends CapturedResponse {
  transportError?: string;
}

/**
 * How a stream must end: `done`, or an error event with this code (Errata's, or a spec's own:
 * codes, schemas and doc URLs are read from the spec the checker was built with).
 */
export type StreamEnding = 'done' | ErrorCode | (string & {});

/** Checks streamed responses of any operation that declares a stream. */
export interface StreamChecker {
  check(
    operation: SpecOperation,
    response: CapturedStream,
    expectation?: { ending?: StreamEnding; maxTokens?: number },
  ): string[];
}

/**
 * Builds a stream checker; an error response (before the stream) is checked by `responses`.
 *
 * @example
 * const checker = createStreamChecker(spec, ajv, createResponseChecker(spec, ajv));
 * checker.check(runModel, { status: 200, headers, text }, { ending: 'done' }); // [] when it conforms
 */
export function createStreamChecker(
  spec: OpenApiDocument,
  ajv: SpecAjv,
  responses: ResponseChecker,
  options: CheckerOptions = {},
): StreamChecker {
  const model = createSpecModel(spec);
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-Id';
  const compiled = new Map<string, ValidateFunction>();
  const schemaDiff = (pointer: string, value: unknown, where: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = compileSpecSchema(ajv, pointer);
      compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message ?? e.keyword}`);
  };

  return {
    check(operation, response, expectation = {}) {
      const schema = model.streamEvents.get(operation.operationId);
      if (!schema) return [`${operation.operationId} declares no text/event-stream response`];
      if (response.status !== schema.status) {
        return [
          `status: expected ${schema.status} and a stream, got ${response.status}`,
          ...responses.check(
            operation,
            response,
            expectation.ending && expectation.ending !== 'done' ? { code: expectation.ending } : {},
          ),
        ];
      }
      const diff: string[] = [];
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('text/event-stream'))
        diff.push(`header Content-Type: expected text/event-stream, got ${JSON.stringify(type)}`);
      const declared = operation.responses.find((r) => r.status === schema.status)!;
      for (const header of declared.headers) {
        const raw = response.headers.get(header.name);
        if (raw === null) {
          if (header.required) diff.push(`header ${header.name}: missing`);
        } else diff.push(...schemaDiff(header.schemaPointer, raw, `header ${header.name}`));
      }
      if (containsStackTrace(response.text)) diff.push('body: contains a stack trace');

      const requestId = response.headers.get(requestIdHeader);
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
            if (typeof index === 'number' && index !== tokens)
              diff.push(`${where}/data/index: expected ${tokens}, got ${index}`);
            tokens++;
          } else final = event;
          continue;
        }
        final = 'error';
        const body = (parsed ?? {}) as Record<string, unknown>;
        const code = body.code;
        const definition = typeof code === 'string' ? model.errors.get(code) : undefined;
        if (!definition || !schema.errorCodes.includes(definition.code)) {
          diff.push(
            `${where}/data/code: ${JSON.stringify(code)} is not a code the spec allows mid-stream ` +
              `(${schema.errorCodes.join(', ')})`,
          );
          continue;
        }
        final = `error ${definition.code}`;
        diff.push(...schemaDiff(definition.pointer, body, `${where}/data`));
        if (requestId !== null && body.request_id !== requestId)
          diff.push(
            `${where}/data/request_id: ${JSON.stringify(body.request_id)} ` +
              `differs from ${requestIdHeader} ${JSON.stringify(requestId)}`,
          );
        const docUrl = `${model.docsUrl ?? ''}#${code}`;
        if (!isCatalogDocUrl(body.doc_url, docUrl))
          diff.push(`${where}/data/doc_url: expected ${docUrl} (at any origin), got ${JSON.stringify(body.doc_url)}`);
        const delivered = (body.details as { tokens_delivered?: unknown } | undefined)?.tokens_delivered;
        if (delivered !== tokens)
          diff.push(
            `${where}/data/details/tokens_delivered: expected ${tokens} (the token events before it), ` +
              `got ${JSON.stringify(delivered)}`,
          );
      }
      if (response.transportError)
        diff.push(`stream: the connection failed after ${events.length} events: ${response.transportError}`);
      else if (trailing) diff.push(`stream: ends in the middle of an event (after ${events.length} complete events)`);
      if (!final) diff.push(`stream: ended without a done or error event (after ${tokens} token events)`);
      if (expectation.maxTokens !== undefined && tokens > expectation.maxTokens)
        diff.push(`stream: ${tokens} token events before the error, asked for ${expectation.maxTokens}`);
      const want =
        expectation.ending === undefined
          ? undefined
          : expectation.ending === 'done'
            ? 'done'
            : `error ${expectation.ending}`;
      if (want && final && final !== want) diff.push(`stream: expected it to end with ${want}, it ended with ${final}`);
      return diff;
    },
  };
}
