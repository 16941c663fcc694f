/**
 * The only door from the client to the catalog: a code's status, retry policy, category and
 * mid-stream behaviour, and which code a bare HTTP status means. It reads `@errata/types/policy`,
 * a compact table generated beside the catalog, never the catalog itself (its titles and crosswalk
 * would double the main entry; the size script fails the build if they come back).
 */
import {
  codeFacts,
  defaultCodeFor,
  docsUrl,
  type ErrorCode,
  isErrorCode,
  type RetryPolicy,
} from '@errata/types/policy';

/** What the client needs to know about one code. */
export interface CodeFacts {
  status: number;
  retry: RetryPolicy;
  category: string;
  /** Whether running again may succeed after this code ended a stream; `null` when it cannot end one. */
  midStreamRetrySafe: boolean | null;
}

/** Whether a string is a catalog code (a newer server may send codes this build does not know). */
export const isCode: (value: unknown) => value is ErrorCode = isErrorCode;

/** The catalog code for an HTTP status whose body names none. */
export const codeForStatus: (status: number) => ErrorCode = defaultCodeFor;

export function factsOf(code: ErrorCode): CodeFacts {
  const [status, retry, category, safe] = codeFacts[code] as readonly [number, RetryPolicy, string, (0 | 1)?];
  return { status, retry, category, midStreamRetrySafe: safe === undefined ? null : safe === 1 };
}

export function docUrlOf(code: ErrorCode): string {
  return `${docsUrl}#${code}`;
}
