/**
 * AWS's binary event-stream framing (`application/vnd.amazon.eventstream`), as Bedrock's
 * ConverseStream and InvokeModelWithResponseStream send it. The framing (prelude, headers, CRCs)
 * is the AWS SDK's own codec from `@smithy/core`, so what the sandbox writes is what the SDK reads;
 * the real AWS SDK decodes it in the sandbox's tests (src/bedrock-sdk.test.ts).
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { StreamEvent } from '../providers/provider-api.js';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/**
 * One event as an event-stream message: `:message-type: event` named by `:event-type`, or, for an
 * exception, `:message-type: exception` named by `:exception-type`; the payload is JSON.
 *
 * @example
 * eventStreamBytes({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi"}}' });
 */
export function eventStreamBytes({ event, data, exception }: StreamEvent): Uint8Array {
  const kind = exception ? 'exception' : 'event';
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: kind },
      [`:${kind}-type`]: { type: 'string', value: event ?? '' },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(data, 'utf8')),
  });
}
