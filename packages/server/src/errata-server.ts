/**
 * The server kit bound to one spec: error responses from its catalog, request ids, request
 * validators compiled from its schemas, and SSE error events. Framework-agnostic: everything
 * returns plain data (status, headers, body, text frames).
 */
import {
  compileSpecSchema,
  createSpecAjv,
  createSpecModel,
  type OpenApiDocument,
  type SpecModel,
  type SpecOperation,
} from '@errata/spec-model';
import { CatalogError, type ErrorInit } from './catalog-error.js';
import {
  buildEnvelope,
  buildHeaders,
  type EnvelopeOptions,
  type ErrorEnvelope,
  type ErrorResponse,
  envelopeText,
  type PreparedEnvelope,
  prepareEnvelope,
  type ResponseContext,
} from './envelope.js';
import { errataModel } from './internal/errata-catalog.js';
import { type ErrorTextOf, setErrorText } from './internal/error-text.js';
import { checkKitCodes, type KitFinding } from './kit-check.js';
import { ERRATA_KIT_CODES, type KitCodes } from './kit-codes.js';
import { PROBLEM_JSON, type ProblemDetailsMode, toProblemDetails, wantsProblemDetails } from './problem-details.js';
import { createRequestIds, type RequestIdOptions } from './request-id.js';
import { createRequestValidator, type RequestValidator, type ValidationCodes } from './request-validator.js';
import { sseFrame } from './sse.js';

export interface ErrataServerOptions {
  /** A bundled OpenAPI 3.1 document that uses Errata's envelope (`x-error` on each error schema). */
  spec: OpenApiDocument;
  /**
   * Base URL of the error catalog; a code's `doc_url` is `${docsUrl}#${code}`. Default: the spec's `x-errata.docs_url`.
   */
  docsUrl?: string;
  /** `retry_after` when a wait-policy code is raised without one, in seconds (default 1). */
  retryAfter?: number | ((code: string) => number);
  requestIds?: RequestIdOptions;
  /** The request-id header, read and sent (default `X-Request-Id`; `X-Trace-Id`, `Request-Id`…). */
  requestIdHeader?: string;
  /** The generic validation codes (default Errata's: INVALID_REQUEST, MISSING_REQUIRED_FIELD, INVALID_FIELD_VALUE). */
  validationCodes?: ValidationCodes;
  /** The codes the kit and its stages answer with, for specs that name them otherwise (default Errata's). */
  codes?: Partial<KitCodes>;
  /**
   * RFC 9457 `application/problem+json`, the same envelope with `type`, `title`, `detail` and
   * `instance` added: `never` (default), `negotiate` (when `Accept` asks for it) or `always`.
   */
  problemDetails?: ProblemDetailsMode;
  /**
   * The migration path from nested errors (`{ "error": { "message", "type" } }`): each error body
   * is the envelope plus this nested `error` object, so old clients keep reading `error.message`
   * while new ones switch on `code`. Drop it once your clients have moved.
   */
  legacyError?: (envelope: ErrorEnvelope) => Record<string, unknown>;
}

export interface ErrataServer<Code extends string = string> {
  readonly model: SpecModel;
  /**
   * The response for `code`: status, headers (`X-Request-Id`, `Retry-After`, `RateLimit-*`) and
   * the envelope. A code the catalog does not hold is a programming error and throws.
   */
  error(code: Code, init?: ErrorInit, context?: Partial<ResponseContext>): ErrorResponse;
  /** The envelope alone: an error response's body, a stream's `error` event data. */
  envelope(code: Code, init: ErrorInit | undefined, requestId: string): ErrorEnvelope;
  /** Keeps a valid incoming request id or mints one. */
  requestId(incoming?: string | null): string;
  /** The request-id header's name (`X-Request-Id` unless configured). */
  readonly requestIdHeader: string;
  /** When error responses are problem details (`never` unless configured). */
  readonly problemDetails: ProblemDetailsMode;
  /**
   * A validator for an operation's request body (or, with `pointer`, for another schema of the
   * spec, answering with the codes the operation declares). Compiled once per pair.
   */
  validator(operationId: string, pointer?: string): RequestValidator;
  /** Validates the header parameters the operation declares (`Idempotency-Key` length…). */
  headers(operationId: string): (get: (name: string) => string | undefined) => void;
  /** An SSE `error` event frame carrying the envelope. */
  sseError(code: Code, init: ErrorInit | undefined, requestId: string): string;
  /** The codes the kit and its stages answer with. */
  readonly codes: KitCodes;
  /** Whether the kit can answer `code`: the catalog holds it, or it is a kit code Errata's catalog holds. */
  isCode(code: string): code is Code;
  /**
   * The startup check: every code the kit may answer that the spec does not declare where it would
   * be answered (empty when the spec is honest about the kit).
   */
  check(): KitFinding[];
}

/**
 * Binds the kit to a spec.
 *
 * @example
 * const server = createErrataServer({ spec: document });
 * const { status, headers, body } = server.error(
 *   'MODEL_NOT_FOUND',
 *   { params: { model: 'x' } },
 *   { requestId: server.requestId() },
 * );
 */
export function createErrataServer<Code extends string = string>(options: ErrataServerOptions): ErrataServer<Code> {
  const model = createSpecModel(options.spec);
  const docsUrl = options.docsUrl ?? model.docsUrl ?? '';
  const retryAfter = options.retryAfter ?? 1;
  const envelopeOptions: EnvelopeOptions = {
    docUrl: (code) => `${docsUrl}#${code}`,
    retryAfter: typeof retryAfter === 'number' ? () => retryAfter : retryAfter,
    requestIdHeader: 'X-Request-Id',
  };
  const codes: KitCodes = { ...ERRATA_KIT_CODES, ...options.validationCodes, ...options.codes };
  const kitCodes = new Set(Object.values(codes));
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-Id';
  const problemDetails = options.problemDetails ?? 'never';
  envelopeOptions.requestIdHeader = requestIdHeader;
  const mint = createRequestIds(options.requestIds);
  let ajv: ReturnType<typeof createSpecAjv> | undefined;
  const spec = () => (ajv ??= createSpecAjv(model.document, { verbose: true }));
  const validators = new Map<string, RequestValidator>();
  const headerValidators = new Map<string, ReturnType<ErrataServer['headers']>>();

  const operation = (operationId: string): SpecOperation => {
    const found = model.operation(operationId);
    if (!found) throw new Error(`The spec has no operation ${operationId}`);
    return found;
  };
  // A kit code the spec lacks is still answered with an envelope, from Errata's definition: never a
  // 500 because a 413 was not declared (check() tells the adopter to declare it).
  const fallback = (code: string) => (kitCodes.has(code) ? errataModel().errors.get(code) : undefined);
  const definition = (code: string) => {
    const found = model.errors.get(code) ?? fallback(code);
    if (!found) throw new Error(`The catalog has no code ${code}`);
    return found;
  };
  const legacy = options.legacyError;
  const envelope = (code: string, init: ErrorInit = {}, requestId: string): ErrorEnvelope => {
    const body = buildEnvelope(definition(code), init, requestId, envelopeOptions);
    return legacy ? { ...body, error: legacy(body) } : body;
  };
  // Each code's constant members serialised once, for respond() (internal/error-text.ts).
  const prepared = new Map<string, PreparedEnvelope>();
  const prepare = (code: string) => {
    let found = prepared.get(code);
    if (!found) {
      found = prepareEnvelope(definition(code), envelopeOptions);
      prepared.set(code, found);
    }
    return found;
  };

  const server: ErrataServer<Code> = {
    model,
    error(code, init = {}, context = {}) {
      const full: ResponseContext = { ...context, requestId: context.requestId ?? mint() };
      const body = envelope(code, init, full.requestId);
      const headers = buildHeaders(definition(code), body.retry_after, init, full, envelopeOptions);
      if (!wantsProblemDetails(problemDetails, context.accept)) return { status: body.status, headers, body };
      headers['Content-Type'] = PROBLEM_JSON;
      const title = definition(code).title ?? code;
      return { status: body.status, headers, body: toProblemDetails(body, title) };
    },
    envelope,
    requestId: mint,
    requestIdHeader,
    problemDetails,
    validator(operationId, pointer) {
      const key = `${operationId}\u0000${pointer ?? ''}`;
      let validate = validators.get(key);
      if (!validate) {
        const op = operation(operationId);
        const target = pointer ?? op.requestBody?.schemaPointer;
        if (!target) throw new Error(`${operationId} has no request body`);
        validate = createRequestValidator({ model, ajv: spec(), codes }, target, op);
        validators.set(key, validate);
      }
      return validate;
    },
    headers(operationId) {
      let check = headerValidators.get(operationId);
      if (!check) {
        const params = operation(operationId)
          .parameters.filter((p) => p.in === 'header')
          .map((p) => ({ name: p.name, validate: compileSpecSchema(spec(), p.schemaPointer) }));
        check = (get) => {
          for (const { name, validate } of params) {
            const value = get(name);
            if (value === undefined || validate(value)) continue;
            const error = validate.errors?.[0];
            throw new CatalogError(codes.invalidRequest, {
              params: { reason: `the ${name} header ${error?.message ?? 'is invalid'}` },
              details: { field: name, issue: error?.message ?? 'is invalid' },
            });
          }
        };
        headerValidators.set(operationId, check);
      }
      return check;
    },
    sseError: (code, init, requestId) => sseFrame({ event: 'error', data: envelope(code, init, requestId) }),
    codes,
    isCode: (code): code is Code => model.errors.has(code) || fallback(code) !== undefined,
    check: () => checkKitCodes(model, codes, (code) => definition(code).meta.status),
  };
  const errorText: ErrorTextOf = (code, init, context, staged) => {
    // The nested legacy object and problem details are the envelope plus members: serialised whole.
    if (legacy || wantsProblemDetails(problemDetails, context.accept)) {
      const { status, headers, body } = server.error(code as Code, init, context);
      if (staged) delete headers[requestIdHeader];
      return { status, headers, text: JSON.stringify(body) };
    }
    const found = prepare(code);
    const { text, retryAfter } = envelopeText(found, init, context.requestId, envelopeOptions);
    const headers = buildHeaders(found.definition, retryAfter, init, context, envelopeOptions, staged);
    return { status: found.definition.meta.status, headers, text };
  };
  setErrorText(server, errorText);
  return server;
}
