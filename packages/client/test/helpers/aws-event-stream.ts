// AWS's binary event-stream framing (application/vnd.amazon.eventstream), as Bedrock's streams send
// it, written with the AWS SDK's own codec (@smithy/core) so that a test server sends what Bedrock sends.
import { EventStreamCodec } from '@smithy/core/event-streams';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/** One event-stream message with string headers and a UTF-8 JSON payload. */
function eventStreamMessage(kind: 'event' | 'exception', type: string, payload: string): Buffer {
  const bytes = codec.encode({
    headers: {
      ':message-type': { type: 'string', value: kind },
      [`:${kind}-type`]: { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(payload, 'utf8')),
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An ordinary event (`:message-type: event`), such as Converse's `contentBlockDelta`. */
export const awsEvent = (type: string, payload: string): Buffer => eventStreamMessage('event', type, payload);

/** An exception event (`:message-type: exception`) naming the exception in `:exception-type`. */
export const awsException = (type: string, payload: string): Buffer => eventStreamMessage('exception', type, payload);
