/**
 * What `respond()` sends for a code, for the servers `createErrataServer` builds: the status, the
 * headers the stages have not already set, and the envelope's text — the bytes `c.json(body)`
 * would send, built from each code's members serialised once. Kept off the public interface:
 * `respond()` falls back on `server.error()` for any other implementation of it.
 */
import type { ErrorInit } from '../catalog-error.js';
import type { ResponseContext } from '../envelope.js';

/** An error response as respond() sends it. */
interface ErrorText {
  status: number;
  /** `Content-Type` and what the request-id stage has not set (`staged`). */
  headers: Record<string, string>;
  text: string;
}

export type ErrorTextOf = (code: string, init: ErrorInit, context: ResponseContext, staged: boolean) => ErrorText;

const byServer = new WeakMap<object, ErrorTextOf>();

export function setErrorText(server: object, errorText: ErrorTextOf): void {
  byServer.set(server, errorText);
}

export function errorTextOf(server: object): ErrorTextOf | undefined {
  return byServer.get(server);
}
