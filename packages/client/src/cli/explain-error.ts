/**
 * `errata explain`'s reasoning, without the terminal: what an error body (with its status, headers
 * and provider, as far as they are known) is in Errata's catalog. The body goes through
 * `normalizeError`, the normalizer the client ships, so the answer is what the client would do;
 * the catalog's texts say what the code means and what to do. Every text taken from the input is
 * redacted: the keys given, any bearer token and anything shaped like a provider's key.
 */
import { createRedactor, providerKeyPattern } from '@errata/redact';
import { type CatalogEntry, catalog, type ErrorCode, providers } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import type { ErrorEnvelope } from '../errors.js';
import { parseBody } from '../internal/envelope.js';
import { normalizeError, type Provider } from '../normalize-error.js';

/** What is known of the error: its body, and its status, headers and provider if given. */
export interface ExplainInput {
  body: string;
  status?: number | undefined;
  headers?: Record<string, string>;
  provider?: Provider | undefined;
  /** Keys to remove from every text printed, besides the shapes `providerKeyPattern` finds. */
  apiKeys?: readonly string[];
}

/** The answer: the code and what the catalog says of it, and how the body was read. */
export interface Explanation {
  code: ErrorCode;
  /** Whether the body said which error it is (a crosswalk entry or a catalog code), not only its status. */
  recognised: boolean;
  /** The status the code was read at: the one given, or the one the body states. */
  status: number | undefined;
  statusFrom: 'given' | 'body' | 'none';
  title: string;
  meaning: string;
  remedy: string;
  retry: CatalogEntry['retry'];
  retryable: boolean;
  /** Seconds to wait before retrying, when the wire asked (or the code's policy is to wait). */
  retryAfter: number | undefined;
  docUrl: string;
  envelope: ErrorEnvelope;
}

const providerIds = new Set(Object.keys(providers));

/** Whether `id` names a provider `normalizeError` reads (or `errata`). */
export const isProvider = (id: string): id is Provider => id === 'errata' || providerIds.has(id);

function statesCatalogCode(body: unknown, code: ErrorCode): boolean {
  const parsed = parseBody(body) as { code?: unknown } | undefined;
  return typeof parsed === 'object' && parsed !== null && parsed.code === code;
}

/**
 * Explains an error body. Without a status, the status the body states is used; failing that, none
 * (the crosswalk then matches on what the body says, and a body that says nothing is not recognised).
 *
 * @example
 * const body = '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}';
 * explainError({ body, status: 429, provider: 'openai' }).code; // 'RATE_LIMIT_EXCEEDED'
 */
export function explainError(input: ExplainInput): Explanation {
  const redact = createRedactor(input.apiKeys ?? [], { keyPattern: providerKeyPattern });
  const headers = new Headers(input.headers);
  const read = (status: number) =>
    normalizeError({ status, headers, body: input.body }, { provider: input.provider ?? 'errata', redact });
  // Without a status, 0: a status that says nothing rules no crosswalk entry out.
  const envelope = read(input.status ?? 0);
  const stated = envelope.origin?.status;
  const statusFrom: Explanation['statusFrom'] =
    input.status !== undefined ? 'given' : typeof stated === 'number' && stated > 0 ? 'body' : 'none';
  const code = envelope.code as ErrorCode;
  const entry = catalog[code];
  const texts = errorTexts[code];
  return {
    code,
    recognised: envelope.origin?.name !== undefined || statesCatalogCode(input.body, code),
    status: statusFrom === 'given' ? input.status : statusFrom === 'body' ? stated : undefined,
    statusFrom,
    title: entry.title,
    meaning: texts.description,
    remedy: texts.remedy,
    retry: entry.retry,
    retryable: entry.retry !== 'never',
    retryAfter: envelope.retry_after,
    docUrl: envelope.doc_url,
    envelope,
  };
}
