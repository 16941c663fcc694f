import type { StreamEvent } from '../providers/provider-api.js';

const encoder = new TextEncoder();

/** One event as SSE bytes; a multi-line data field becomes one `data:` line per line. */
export function sseBytes({ event, data }: StreamEvent): Uint8Array {
  const name = event !== undefined && event !== 'message' ? `event: ${event}\n` : '';
  return encoder.encode(
    `${name}${data
      .split(/\r?\n/)
      .map((line) => `data: ${line}\n`)
      .join('')}\n`,
  );
}
