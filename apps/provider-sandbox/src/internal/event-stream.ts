/**
 * AWS's binary event-stream framing (`application/vnd.amazon.eventstream`), as Bedrock's
 * ConverseStream and InvokeModelWithResponseStream send it: a prelude (total length, headers
 * length, CRC32 of both), string headers, the payload, and a CRC32 of the whole message. The
 * real AWS SDK decodes what this writes in the sandbox's tests (src/bedrock-sdk.test.ts).
 */
import { crc32 } from 'node:zlib';
import type { StreamEvent } from '../providers/provider-api.js';

const STRING_HEADER = 7;

function header(name: string, value: string): Buffer {
  const n = Buffer.from(name, 'utf8');
  const v = Buffer.from(value, 'utf8');
  const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  out.writeUInt8(n.length, 0);
  n.copy(out, 1);
  out.writeUInt8(STRING_HEADER, 1 + n.length);
  out.writeUInt16BE(v.length, 2 + n.length);
  v.copy(out, 4 + n.length);
  return out;
}

function message(headers: Record<string, string>, payload: string): Uint8Array {
  const head = Buffer.concat(Object.entries(headers).map(([name, value]) => header(name, value)));
  const body = Buffer.from(payload, 'utf8');
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(12 + head.length + body.length + 4, 0);
  prelude.writeUInt32BE(head.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const framed = Buffer.concat([prelude, head, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(framed), 0);
  return new Uint8Array(Buffer.concat([framed, crc]));
}

/**
 * One event as an event-stream message: `:message-type: event` named by `:event-type`, or, for an
 * exception, `:message-type: exception` named by `:exception-type`; the payload is JSON.
 *
 * @example
 * eventStreamBytes({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi"}}' });
 */
export function eventStreamBytes({ event, data, exception }: StreamEvent): Uint8Array {
  const kind = exception ? 'exception' : 'event';
  return message({ ':message-type': kind, [`:${kind}-type`]: event ?? '', ':content-type': 'application/json' }, data);
}
