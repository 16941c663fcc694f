/**
 * The only door from the client's main entry to the catalog: what a code's status, retry policy,
 * title, category and mid-stream behaviour are, and which code a bare HTTP status means. Keeping
 * every lookup here means the main entry needs five fields per code, not the whole catalog; when
 * `@errata/types` ships those fields as a compact table, only this file changes (see the size
 * script's "projected" row).
 */
import { catalog, docsUrl, type ErrorCode } from '@errata/types/catalog';
import { codeForStatus as fallback } from './status-fallback.js';

/** What the client needs to know about one code. */
export interface CodeFacts {
  status: number;
  retry: 'never' | 'backoff' | 'after_retry_after';
  title: string;
  category: string;
  midStream: { retrySafe: boolean } | null;
}

/** Whether a string is a catalog code (a newer server may send codes this build does not know). */
export function isCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(catalog, value);
}

export function factsOf(code: ErrorCode): CodeFacts {
  return catalog[code];
}

export function docUrlOf(code: ErrorCode): string {
  return `${docsUrl}#${code}`;
}

/** The catalog code for an HTTP status whose body names none. */
export function codeForStatus(status: number): ErrorCode {
  return fallback(status);
}
