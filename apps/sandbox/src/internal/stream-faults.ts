// Faults a streamed run can be asked for, by header. `Errata-Simulate: <CODE>` with
// `Errata-Simulate-After: <n>` ends the stream with that code's error event after n tokens; the
// other three break the transport instead, so clients can test what no envelope describes: a
// connection dropped mid-stream, an event whose data is not JSON, a stream that ends without its
// final event. Misuse is an INVALID_REQUEST answered before the stream, saying what to send.
import { CatalogError } from '@errata/server';
import type { SpecOperation } from '@errata/spec-model';
import { model } from './spec.js';

export type StreamFault =
  | { kind: 'error'; code: string; after: number }
  | { kind: 'drop' | 'malformed' | 'truncate'; after: number };

/** The codes whose catalog entry says they can happen mid-stream (`x-error.mid_stream`). */
const midStreamCodes: readonly string[] = [...model.errors.values()]
  .filter((d) => d.meta.mid_stream !== undefined)
  .map((d) => d.code);

const TRANSPORT_FAULTS = [
  ['errata-simulate-drop-after', 'drop'],
  ['errata-simulate-malformed-after', 'malformed'],
  ['errata-simulate-truncate-after', 'truncate'],
] as const;

/** Whether the operation declares a `text/event-stream` response (runModel). */
function canStream(operation: SpecOperation): boolean {
  return model.streamEvents.has(operation.operationId);
}

const invalid = (reason: string) => new CatalogError('INVALID_REQUEST', { params: { reason } });

function count(name: string, raw: string): number {
  if (!/^\d{1,6}$/.test(raw.trim()))
    throw invalid(`${name} must be a number of token events (0 or more), got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * The fault the request's headers ask for, if any; throws INVALID_REQUEST when they ask for one
 * that cannot be produced.
 *
 * @example
 * streamFaultFrom(runModel, (name) => ({ 'errata-simulate': 'OVERLOADED', 'errata-simulate-after': '2' })[name]);
 * // { kind: 'error', code: 'OVERLOADED', after: 2 }
 */
export function streamFaultFrom(
  operation: SpecOperation,
  header: (name: string) => string | undefined,
): StreamFault | undefined {
  const faults: StreamFault[] = [];
  const after = header('errata-simulate-after');
  if (after !== undefined) {
    const code = header('errata-simulate')?.trim();
    if (code === undefined)
      throw invalid('Errata-Simulate-After needs Errata-Simulate: <CODE>, the code to end the stream with');
    if (!midStreamCodes.includes(code)) {
      throw invalid(
        `Errata-Simulate: ${JSON.stringify(code)} cannot happen mid-stream; ` +
          `the codes that can are ${midStreamCodes.join(', ')}. ` +
          'Without Errata-Simulate-After it is answered before the stream',
      );
    }
    faults.push({ kind: 'error', code, after: count('Errata-Simulate-After', after) });
  }
  for (const [name, kind] of TRANSPORT_FAULTS) {
    const raw = header(name);
    if (raw !== undefined) faults.push({ kind, after: count(name, raw) });
  }
  if (faults.length === 0) return undefined;
  if (faults.length > 1 || (after === undefined && header('errata-simulate') !== undefined))
    throw invalid(
      'ask for one stream fault at a time (Errata-Simulate-After, -Drop-After, -Malformed-After or -Truncate-After)',
    );
  if (!canStream(operation))
    throw invalid(`stream faults apply to streamed runs; ${operation.operationId} does not stream`);
  return faults[0];
}
