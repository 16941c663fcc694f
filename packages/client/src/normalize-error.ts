/**
 * `@errata/client/normalize`: turns any error response — an Errata envelope, a seed provider's
 * body, an HTML page, nothing — into the canonical envelope. Where each provider keeps its code,
 * message and request id comes from the catalog (`providers[p].fields`, dotted paths); which
 * canonical code that means comes from the crosswalk (`findCanonicalCode`); a body that names
 * nothing falls back on the status. A subpath of its own, so that clients that talk to Errata
 * servers only do not ship the providers' tables.
 */
import { findCanonicalCode, providers, type ErrorCode, type ProviderId } from '@errata/types';
import type { ErrorEnvelope } from './errors.js';
import { isCode } from './internal/catalog-view.js';
import { compilePath, readPath, type CompiledPath } from './internal/dotted-path.js';
import { finish, isObject, isString, parseBody, textMessage, type ErrorResponseLike, type Normalized, type Normalizer } from './internal/envelope.js';
import { noRedact, type Redact } from './internal/redact.js';

export type { ErrorResponseLike, Normalizer } from './internal/envelope.js';

/** Whose error bodies to expect: Errata's own (the default) or one of the seed providers'. */
export type Provider = 'errata' | ProviderId;

export interface NormalizeOptions {
  provider?: Provider;
  /** Applied to every text taken from the body (the client passes one that removes the API key). */
  redact?: (text: string) => string;
}

type Field = 'code' | 'internal_code' | 'message' | 'request_id' | 'retry_after' | 'issues' | 'validation_errors' | 'field' | 'issue' | 'details';

// The envelope's own fields come first; for Errata, every seed provider's paths follow, so that a
// proxy's or a legacy endpoint's body still yields its message and request id.
const envelopeFields: Partial<Record<Field, readonly string[]>> = {
  code: ['code'], message: ['message'], request_id: ['request_id'], retry_after: ['retry_after'], details: ['details'],
};

const compiled = new Map<Provider, Partial<Record<Field, CompiledPath[]>>>();

function pathsFor(provider: Provider): Partial<Record<Field, CompiledPath[]>> {
  let paths = compiled.get(provider);
  if (!paths) {
    const sources: Partial<Record<Field, readonly string[]>>[] =
      provider === 'errata' ? [envelopeFields, ...Object.values(providers).map((p) => p.fields)] : [providers[provider].fields];
    const merged: Partial<Record<Field, string[]>> = {};
    for (const source of sources) {
      for (const [field, list] of Object.entries(source) as [Field, readonly string[]][]) {
        for (const path of list) if (!merged[field]?.includes(path)) (merged[field] ??= []).push(path);
      }
    }
    paths = Object.fromEntries(Object.entries(merged).map(([field, list]) => [field, list.map(compilePath)]));
    compiled.set(provider, paths);
  }
  return paths;
}

function pick<T>(body: unknown, paths: CompiledPath[] | undefined, accept: (v: unknown) => v is T): T | undefined {
  if (paths) for (const path of paths) {
    const value = readPath(body, path);
    if (accept(value)) return value;
  }
  return undefined;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isNumeric = (v: unknown): v is number | string => isNumber(v) || (isString(v) && !Number.isNaN(Number(v)));
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

function normalizeAs(provider: Provider, response: ErrorResponseLike, redact: Redact): Normalized {
  const paths = pathsFor(provider);
  const body = parseBody(response.body);
  const rawCode = pick(body, paths.code, isString);
  const internal = pick(body, paths.internal_code, isNumber);
  const issues = pick(body, paths.issues, isArray)?.map(toIssue);
  const issuesText = issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  const message = pick(body, paths.message, isString) ?? textMessage(body) ?? issuesText;

  let code: ErrorCode | undefined;
  if (provider !== 'errata') code = findCanonicalCode(provider, { code: rawCode, internal_code: internal, status: response.status, message });
  if (!code && isCode(rawCode)) code = rawCode;

  const details: Record<string, unknown> = { ...pick(body, paths.details, isObject) };
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
  return finish({ ...response, body }, {
    code,
    message,
    requestId: pick(body, paths.request_id, isString),
    retryAfter: pick(body, paths.retry_after, isNumeric),
    details,
  }, redact);
}

/**
 * The canonical envelope for an error response. Pure and total: whatever the body, the result has
 * a catalog `code`, that code's `status` and `doc_url`, a `message` and a `request_id` (empty when
 * the response carried none); `retry_after` (seconds) when the server asked to wait or the code's
 * policy is to wait; `details` when there is structure. The wire status stays on the Response.
 *
 * @example
 * normalizeError({ status: 429, body: '{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}' }, { provider: 'modelslab' });
 * // { code: 'QUEUE_LIMIT_EXCEEDED', status: 429, retry_after: 30, … }
 */
export function normalizeError(response: ErrorResponseLike, options: NormalizeOptions = {}): ErrorEnvelope {
  return normalizeAs(options.provider ?? 'errata', response, options.redact ?? noRedact).envelope;
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
  if (provider !== 'errata' && !Object.prototype.hasOwnProperty.call(providers, provider)) {
    throw new TypeError(`providerNormalizer: unknown provider ${JSON.stringify(provider)}.`);
  }
  return (response, redact) => normalizeAs(provider, response, redact);
}
