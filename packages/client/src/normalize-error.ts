/**
 * `@errata/client/normalize`: turns any error response — an Errata envelope, a seed provider's
 * body, an HTML page, nothing — into the canonical envelope. Where each provider keeps its code,
 * message and request id comes from the catalog (`providers[p].fields`, dotted paths); which
 * canonical code that means comes from the crosswalk (`findCrosswalkMatch`); a body that names
 * nothing falls back on the status. A provider's error keeps where it came from in `origin`
 * (provider, its code / internal code / type, the name the crosswalk knows it by, its status and
 * message), and the template parameters its message states land in `details`. A subpath of its
 * own, so that clients that talk to Errata servers only do not ship the providers' tables.
 */

import type { Redactor } from '@errata/redact';
import { type CrosswalkMatch, type ErrorCode, findCommonMatch, type ProviderId, providers } from '@errata/types';
import { ErrataError, type ErrorEnvelope } from './errors.js';
import { isCode } from './internal/catalog-view.js';
import { type Detection, detectProvider } from './internal/detect-provider.js';
import {
  type ErrorResponseLike,
  type Found,
  finish,
  isObject,
  isString,
  type Normalized,
  type Normalizer,
  parseBody,
  textMessage,
} from './internal/envelope.js';
import { isProblemDetails, withProblemDetails } from './internal/problem-details.js';
import {
  detailInText,
  exceptionName,
  type Issue,
  isArray,
  isNumber,
  type Paths,
  pathsFor,
  pick,
  present,
  toIssue,
} from './internal/provider-fields.js';
import { headerResetWait, messageWait } from './internal/stated-wait.js';
import { type StreamErrorRule, withStreamErrors } from './internal/stream-errors.js';
import { salvageJson } from './internal/truncated-json.js';

export type { ErrorResponseLike, Normalizer } from './internal/envelope.js';

/** Whose error bodies to expect: Errata's own (the default) or one of the providers' in spec/providers.yaml. */
export type Provider = 'errata' | ProviderId;

export interface NormalizeOptions {
  /**
   * Who sent the body. Without it (or with `errata`), an Errata envelope is read as one; any other
   * body is recognised by its headers and shape (spec/providers.yaml `detect`), and `origin` says
   * so (`detected`, and `candidates` where several providers share the shape); a body nobody's
   * rules recognise gets the status's code and `origin.recognised: false`.
   */
  provider?: Provider;
  /** Applied to every text taken from the body (the client passes one that removes the API key). */
  redact?: (text: string) => string;
}

const isNumeric = (v: unknown): v is number | string => isNumber(v) || (isString(v) && !Number.isNaN(Number(v)));
// A protobuf Duration in JSON (`"22s"`, `"1.5s"`), as Google's `google.rpc.RetryInfo.retryDelay` sends it.
const isDuration = (v: unknown): v is string => isString(v) && /^\d+(\.\d+)?s$/.test(v);
const toSeconds = (v: number | string | undefined): number | string | undefined =>
  isDuration(v) ? Number(v.slice(0, -1)) : v;
const isWait = (v: unknown): v is number | string => isNumeric(v) || isDuration(v);

// The bodies a provider documents as not being errors (ModelsLab's `status: "processing"`).
function notAnError(provider: ProviderId, body: unknown): string | undefined {
  const documented =
    (providers[provider] as { not_errors?: readonly { when: Record<string, unknown>; meaning: string }[] })
      .not_errors ?? [];
  if (!isObject(body)) return undefined;
  return documented.find(({ when }) => Object.entries(when).every(([key, value]) => body[key] === value))?.meaning;
}

// The template parameters a provider's message states, read with the entry's `message_params`.
const paramPatterns = new Map<string, RegExp>();
function paramsFrom(match: CrosswalkMatch | undefined, message: string | undefined): Record<string, unknown> {
  const source = match?.entry.message_params;
  let pattern = source === undefined ? undefined : paramPatterns.get(source);
  if (source !== undefined && !pattern) {
    pattern = new RegExp(source);
    paramPatterns.set(source, pattern);
  }
  const groups = pattern && message !== undefined ? pattern.exec(message)?.groups : undefined;
  const params: Record<string, unknown> = {};
  for (const name in groups) params[name] = /^\d+$/.test(groups[name]!) ? Number(groups[name]) : groups[name];
  if (match?.entry.field !== undefined) params.field = match.entry.field;
  return params;
}

// What every reading shares: issues, details, field, the job of a queued request, the stated wait.
function common(paths: Paths, response: ErrorResponseLike, body: unknown, said: string | undefined, has = -1) {
  const { headers } = response;
  const issues: Issue[] | undefined = (pick(body, headers, paths.issues, isArray, has) ?? detailInText(said))?.map(
    toIssue,
  );
  const issuesText = issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  const details: Record<string, unknown> = {};
  const stated = pick(body, headers, paths.details, isObject, has);
  if (stated) Object.assign(details, stated);
  if (issues?.length) details.issues = issues;
  const validationErrors = pick(body, headers, paths.validation_errors, isArray, has);
  if (validationErrors) details.validation_errors = validationErrors;
  const field = pick(body, headers, paths.field, isString, has) ?? issues?.[0]?.path.slice(1).replaceAll('/', '.');
  if (field !== undefined) details.field = field;
  const issue = pick(body, headers, paths.issue, isString, has) ?? issues?.[0]?.message;
  if (issue !== undefined) details.issue = issue;
  // A queued request's own status payload (modelrunner's FAILED body) is the failed job.
  if (isObject(body) && isString(body.status_url) && !details.job) {
    const { error: _error, ...job } = body;
    details.job = job;
  }
  // The wait: a body member, else what the message says, else the used-up limit's reset header.
  const retryAfter =
    toSeconds(pick(body, headers, paths.retry_after, isWait, has)) ?? messageWait(said) ?? headerResetWait(headers);
  return { details, issuesText, retryAfter };
}

// A provider's error (named by the caller, or recognised): its crosswalk, or its candidates' common one.
function readProvider(
  reading: Detection | { among: readonly [ProviderId]; by: undefined; shape: undefined },
  response: ErrorResponseLike,
  body: unknown,
  redact: Redactor,
  depth = 0,
): Normalized & { match: CrosswalkMatch | undefined } {
  const { among } = reading;
  const single = among.length === 1 ? among[0] : undefined;
  const refusal = single === undefined || response.status >= 300 ? undefined : notAnError(single, body);
  if (refusal !== undefined) {
    throw new ErrataError(
      'INVALID_RESPONSE',
      `normalizeError: ${providers[single!].title} documents this HTTP ${response.status} body ` +
        `as not an error: ${refusal}`,
      { status: response.status },
    );
  }
  const paths = pathsFor(among);
  const { headers } = response;
  // A body this call parsed, read for several candidates: the paths of members it lacks are passed over.
  const has = among.length > 1 && typeof response.body === 'string' ? present(body, paths) : -1;
  const raw = pick(body, headers, paths.code, isString, has);
  const rawCode = raw === undefined ? undefined : exceptionName(raw);
  const internal = pick(body, headers, paths.internal_code, isNumber, has);
  const type = pick(body, headers, paths.type, isString, has);
  const reason = pick(body, headers, paths.reason, isString, has);
  // A thrown error's own status (the Worker binding's `statusCode`) outranks the transport's.
  const status = pick(body, headers, paths.status, isNumber, has) ?? response.status;
  // A JSON body cut short (a proxy's limit, a printout) still says its message.
  const said =
    pick(body, headers, paths.message, isString, has) ?? (isString(body) ? salvageJson(body)?.message : undefined);
  const { details, issuesText, retryAfter } = common(paths, response, body, said, has);
  const message = said ?? textMessage(body) ?? issuesText;

  let match = findCommonMatch(among, { code: rawCode, internal_code: internal, type, reason, status, message });
  let code: ErrorCode | undefined = match?.code;
  if (!code && isCode(rawCode)) code = rawCode;
  // Whose error this is: the candidate whose entry matched (the gateway's, even when its upstream's decides).
  const sender = match?.provider ?? among[0];
  const name = match?.entry.name;

  // The error of the provider behind a gateway (OpenRouter's `error.metadata.raw`): read as its
  // sender's, and its meaning taken where the gateway's own says no more than its status.
  let upstream: Record<string, unknown> | undefined;
  const nested = depth === 0 ? pick(body, headers, paths.upstream, (v): v is unknown => v != null, has) : undefined;
  if (nested !== undefined) {
    const inner = parseBody(nested);
    const detection = isObject(inner) ? detectProvider(inner, undefined) : undefined;
    if (detection) {
      const read = readProvider(detection, { status, body: inner }, inner, redact, depth + 1);
      upstream = read.envelope.origin as Record<string, unknown>;
      if (read.match && read.match.specificity > (match?.specificity ?? 0)) {
        match = read.match;
        code = read.match.code;
      }
    } else if (isString(inner)) upstream = { message: inner };
  }
  Object.assign(details, paramsFrom(match, said));

  // Only the members that have a value, set one by one (no object to filter, no copy).
  const origin: Record<string, unknown> = { provider: sender };
  if (rawCode !== undefined) origin.code = rawCode;
  if (internal !== undefined) origin.internal_code = internal;
  if (type !== undefined) origin.type = type;
  if (reason !== undefined) origin.reason = reason;
  if (name !== undefined) origin.name = name;
  origin.status = status;
  if (reading.by !== undefined) origin.detected = reading.by;
  if (reading.shape !== undefined) origin.shape = reading.shape;
  if (among.length > 1) origin.candidates = among.slice();
  if (upstream !== undefined) origin.upstream = upstream;
  const normalized = finish(
    { status, headers, body, requestIdHeader: response.requestIdHeader },
    {
      code,
      message,
      requestId: pick(body, headers, paths.request_id, isString, has),
      retryAfter,
      details,
      origin: origin as Found['origin'],
      originMessage: said,
    },
    redact,
  );
  // Built member by member: a spread here costs as much as the rest of the reading.
  return { envelope: normalized.envelope, asked: normalized.asked, match };
}

// Errata's envelope; or a body nobody's rules recognise, read with every provider's paths for its
// message and request id, whose code is the status's unless the body names a catalog code itself.
function readErrata(response: ErrorResponseLike, body: unknown, redact: Redactor, envelope: boolean): Normalized {
  const paths = pathsFor('errata');
  const { headers } = response;
  const rawCode = pick(body, headers, paths.code, isString);
  const said = pick(body, headers, paths.message, isString);
  const { details, issuesText, retryAfter } = common(paths, response, body, said);
  return finish(
    { status: response.status, headers, body, requestIdHeader: response.requestIdHeader },
    {
      code: isCode(rawCode) ? rawCode : undefined,
      message: said ?? textMessage(body) ?? issuesText,
      requestId: pick(body, headers, paths.request_id, isString),
      retryAfter,
      details,
      origin: envelope ? undefined : { provider: 'unknown', status: response.status, recognised: false },
      originMessage: said,
    },
    redact,
  );
}

// Errata's own envelope: an UPPER_SNAKE `code` and a `message` at the top, and either a catalog code
// or a `doc_url` (a newer server's code) — Fireworks' flat `{ code: "NOT_FOUND", message }` is not one.
const isEnvelope = (body: unknown): boolean =>
  isObject(body) &&
  isString(body.code) &&
  /^[A-Z][A-Z0-9_]*$/.test(body.code) &&
  isString(body.message) &&
  (isCode(body.code) || isString(body.doc_url));

// One reading per named provider, so that its paths and crosswalk are found by identity (with a
// detection's members, so that reading either kind stays monomorphic).
const named = new Map<ProviderId, { among: readonly [ProviderId]; by: undefined; shape: undefined }>();

function normalizeAs(provider: Provider, response: ErrorResponseLike, redact: Redactor): Normalized {
  const parsed = parseBody(response.body);
  // Problem details (RFC 9457) are read as the envelope they stand for, not matched to a provider.
  const problem = isProblemDetails(parsed);
  const body = problem ? withProblemDetails(parsed) : parsed;
  if (provider !== 'errata') {
    let reading = named.get(provider);
    if (!reading) {
      reading = { among: [provider], by: undefined, shape: undefined };
      named.set(provider, reading);
    }
    return readProvider(reading, response, body, redact);
  }
  const envelope = isEnvelope(body);
  const detection = envelope || problem ? undefined : detectProvider(body, response.headers);
  return detection ? readProvider(detection, response, body, redact) : readErrata(response, body, redact, envelope);
}

// `normalizeError` alone masks nothing unless asked: it knows no key.
const keep: Redactor = (text) => text;

/**
 * The canonical envelope for an error response. Pure: whatever the body, the result has a catalog
 * `code`, that code's `status`, `doc_url`, `category` and `retry`, a `message` and a `request_id`
 * (empty when the response carried none); `retry_after` (seconds) when the server asked to wait or
 * the code's policy is to wait; `details` when there is structure (the template parameters the
 * provider's message states, the field it names); and, for a provider's body, `origin`: the
 * provider, its own code / internal code / type, the crosswalk's name for it, its status and its
 * message. The one body it refuses is one its provider documents as not an error (a 2xx
 * ModelsLab `status: "processing"`): that throws an `ErrataError` with code `INVALID_RESPONSE`.
 *
 * @example
 * const body =
 *   '{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}';
 * normalizeError({ status: 429, body }, { provider: 'modelslab' });
 * // { code: 'QUEUE_LIMIT_EXCEEDED', status: 429, retry_after: 30, details: { limit: 5 },
 * //   origin: { provider: 'modelslab', status: 429, message: 'Rate limit exceeded. …' }, … }
 */
export function normalizeError(response: ErrorResponseLike, options: NormalizeOptions = {}): ErrorEnvelope {
  return normalizeAs(options.provider ?? 'errata', response, options.redact ?? keep).envelope;
}

/**
 * A normalizer for `createClient({ normalize })`: every error response (and stream error event) is
 * read as `provider`'s body, and retried by the canonical code the crosswalk gives. `errata` reads
 * the envelope first and every seed provider's field paths after it (for proxies and legacy bodies).
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8787', normalize: providerNormalizer('workers-ai') });
 */
export function providerNormalizer(provider: Provider = 'errata'): Normalizer {
  if (provider !== 'errata' && !Object.hasOwn(providers, provider)) {
    throw new ErrataError(
      'INVALID_OPTIONS',
      `providerNormalizer: unknown provider ${JSON.stringify(provider)}; known: ${Object.keys(providers).join(', ')}.`,
    );
  }
  const normalize: Normalizer = (response, redact) => normalizeAs(provider, response, redact);
  // How this provider's mid-stream errors arrive (spec/providers.yaml `stream_errors`), for the stream reader.
  const rules =
    provider === 'errata'
      ? undefined
      : (providers[provider] as { stream_errors?: readonly StreamErrorRule[] }).stream_errors;
  return rules ? withStreamErrors(normalize, rules) : normalize;
}
