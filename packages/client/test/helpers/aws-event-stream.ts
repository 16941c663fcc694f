// AWS's binary event-stream framing (application/vnd.amazon.eventstream), as Bedrock's streams send
// it: a prelude (total length, headers length, CRC32 of both), string headers, the payload and a
// CRC32 of the whole message. Written here so that a test server can send what Bedrock sends.
import { crc32 } from 'node:zlib';

const STRING = 7;

function header(name: string, value: string): Buffer {
  const n = Buffer.from(name, 'utf8');
  const v = Buffer.from(value, 'utf8');
  const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  out.writeUInt8(n.length, 0);
  n.copy(out, 1);
  out.writeUInt8(STRING, 1 + n.length);
  out.writeUInt16BE(v.length, 2 + n.length);
  v.copy(out, 4 + n.length);
  return out;
}

/** One event-stream message with string headers and a UTF-8 payload. */
function eventStreamMessage(headers: Record<string, string>, payload: string): Buffer {
  const head = Buffer.concat(Object.entries(headers).map(([name, value]) => header(name, value)));
  const body = Buffer.from(payload, 'utf8');
  const total = 12 + head.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(head.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, head, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(message), 0);
  return Buffer.concat([message, crc]);
}

/** An ordinary event (`:message-type: event`), such as Converse's `contentBlockDelta`. */
export const awsEvent = (type: string, payload: string): Buffer =>
  eventStreamMessage({ ':message-type': 'event', ':event-type': type, ':content-type': 'application/json' }, payload);

/** An exception event (`:message-type: exception`) naming the exception in `:exception-type`. */
export const awsException = (type: string, payload: string): Buffer =>
  eventStreamMessage(
    { ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' },
    payload,
  );
