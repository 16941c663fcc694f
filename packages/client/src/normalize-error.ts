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
import { type CrosswalkEntry, type ErrorCode, findCrosswalkMatch, type ProviderId, providers } from '@errata/types';
import { ErrataError, type ErrorEnvelope } from './errors.js';
import { isCode } from './internal/catalog-view.js';
import { type CompiledPath, compilePath, readPath } from './internal/dotted-path.js';
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
import { withProblemDetails } from './internal/problem-details.js';
import { type StreamErrorRule, withStreamErrors } from './internal/stream-errors.js';

export type { ErrorResponseLike, Normalizer } from './internal/envelope.js';

/** Whose error bodies to expect: Errata's own (the default) or one of the providers' in spec/providers.yaml. */
export type Provider = 'errata' | ProviderId;

export interface NormalizeOptions {
  provider?: Provider;
  /** Applied to every text taken from the body (the client passes one that removes the API key). */
  redact?: (text: string) => string;
}

type Field =
  | 'code'
  | 'internal_code'
  | 'type'
  | 'reason'
  | 'status'
  | 'message'
  | 'request_id'
  | 'retry_after'
  | 'issues'
  | 'validation_errors'
  | 'field'
  | 'issue'
  | 'details';

// The envelope's own fields come first; for Errata, every seed provider's paths follow, so that a
// proxy's or a legacy endpoint's body still yields its message and request id.
const envelopeFields: Partial<Record<Field, readonly string[]>> = {
  code: ['code'],
  message: ['message'],
  request_id: ['request_id'],
  retry_after: ['retry_after'],
  details: ['details'],
};

const compiled = new Map<Provider, Partial<Record<Field, CompiledPath[]>>>();

function pathsFor(provider: Provider): Partial<Record<Field, CompiledPath[]>> {
  let paths = compiled.get(provider);
  if (!paths) {
    const sources: Partial<Record<Field, readonly string[]>>[] =
      provider === 'errata'
        ? [
            envelopeFields,
            ...Object.values(providers).map(
              ({ fields: { status: _status, ...rest } }: { fields: Partial<Record<Field, readonly string[]>> }) => rest,
            ),
          ]
        : [providers[provider].fields];
    const merged: Partial<Record<Field, string[]>> = {};
    for (const source of sources) {
      for (const [field, list] of Object.entries(source) as [Field, readonly string[]][]) {
        const paths = merged[field] ?? [];
        merged[field] = paths;
        for (const path of list) if (!paths.includes(path)) paths.push(path);
      }
    }
    paths = Object.fromEntries(Object.entries(merged).map(([field, list]) => [field, list.map(compilePath)]));
    compiled.set(provider, paths);
  }
  return paths;
}

function pick<T>(body: unknown, paths: CompiledPath[] | undefined, accept: (v: unknown) => v is T): T | undefined {
  if (paths)
    for (const path of paths) {
      const value = readPath(body, path);
      if (accept(value)) return value;
    }
  return undefined;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isNumeric = (v: unknown): v is number | string => isNumber(v) || (isString(v) && !Number.isNaN(Number(v)));
// A protobuf Duration in JSON (`"22s"`, `"1.5s"`), as Google's `google.rpc.RetryInfo.retryDelay` sends it.
const isDuration = (v: unknown): v is string => isString(v) && /^\d+(\.\d+)?s$/.test(v);
const toSeconds = (v: number | string | undefined): number | string | undefined =>
  isDuration(v) ? Number(v.slice(0, -1)) : v;
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

// A Zod-style issue ({ path: ['input', 0], message, code }) as the envelope's ValidationIssue.
function toIssue(raw: unknown): { path: string; message: string; code: string } {
  const issue = isObject(raw) ? raw : { message: raw };
  const path = issue.path;
  return {
    path: isArray(path) ? path.map((p) => `/${p}`).join('') : isString(path) ? path : '',
    message: String(issue.message ?? ''),
    code: String(issue.code ?? ''),
  };
}

// The members that have a value (a loop: this runs on every error, and entries/filter/fromEntries cost 3 arrays).
function defined(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in members) if (members[key] !== undefined) out[key] = members[key];
  return out;
}

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
function paramsFrom(entry: CrosswalkEntry | undefined, message: string | undefined): Record<string, unknown> {
  const source = entry?.message_params;
  let pattern = source === undefined ? undefined : paramPatterns.get(source);
  if (source !== undefined && !pattern) {
    pattern = new RegExp(source);
    paramPatterns.set(source, pattern);
  }
  const groups = pattern && message !== undefined ? pattern.exec(message)?.groups : undefined;
  const params: Record<string, unknown> = {};
  for (const name in groups) params[name] = /^\d+$/.test(groups[name]!) ? Number(groups[name]) : groups[name];
  if (entry?.field !== undefined) params.field = entry.field;
  return params;
}

function normalizeAs(provider: Provider, response: ErrorResponseLike, redact: Redactor): Normalized {
  const paths = pathsFor(provider);
  const body = withProblemDetails(parseBody(response.body));
  const refusal = provider === 'errata' || response.status >= 300 ? undefined : notAnError(provider, body);
  if (refusal !== undefined) {
    throw new ErrataError(
      'INVALID_RESPONSE',
      `normalizeError: ${providers[provider as ProviderId].title} documents this HTTP ${response.status} body ` +
        `as not an error: ${refusal}`,
      { status: response.status },
    );
  }
  const rawCode = pick(body, paths.code, isString);
  const internal = pick(body, paths.internal_code, isNumber);
  const type = pick(body, paths.type, isString);
  const reason = pick(body, paths.reason, isString);
  // A thrown error's own status (the Worker binding's `statusCode`) outranks the transport's.
  const status = pick(body, paths.status, isNumber) ?? response.status;
  const issues = pick(body, paths.issues, isArray)?.map(toIssue);
  const issuesText = issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  const said = pick(body, paths.message, isString);
  const message = said ?? textMessage(body) ?? issuesText;

  let code: ErrorCode | undefined;
  let entry: CrosswalkEntry | undefined;
  if (provider !== 'errata')
    ({ code, entry } =
      findCrosswalkMatch(provider, { code: rawCode, internal_code: internal, type, reason, status, message }) ?? {});
  if (!code && isCode(rawCode)) code = rawCode;

  const details = paramsFrom(entry, said);
  const stated = pick(body, paths.details, isObject);
  if (stated) Object.assign(details, stated);
  if (issues?.length) details.issues = issues;
  const validationErrors = pick(body, paths.validation_errors, isArray);
  if (validationErrors) details.validation_errors = validationErrors;
  const field = pick(body, paths.field, isString) ?? issues?.[0]?.path.slice(1).replaceAll('/', '.');
  if (field !== undefined) details.field = field;
  const issue = pick(body, paths.issue, isString) ?? issues?.[0]?.message;
  if (issue !== undefined) details.issue = issue;
  // A queued request's own status payload (modelrunner's FAILED body) is the failed job.
  if (isObject(body) && isString(body.status_url) && !details.job) {
    const { error: _error, ...job } = body;
    details.job = job;
  }
  const origin =
    provider === 'errata'
      ? undefined
      : defined({
          provider,
          code: rawCode,
          internal_code: internal,
          type,
          reason,
          name: entry?.name,
          status,
          message: said,
        });
  return finish(
    { ...response, status, body },
    {
      code,
      message,
      requestId: pick(body, paths.request_id, isString),
      retryAfter: toSeconds(pick(body, paths.retry_after, (v): v is number | string => isNumeric(v) || isDuration(v))),
      details,
      origin: origin as Found['origin'],
    },
    redact,
  );
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
