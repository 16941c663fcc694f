import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import type { ClientSubject } from '../subject.js';

// The AWS SDK warns once that its 2027 releases need Node 22; this repository's floor is 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * @aws-sdk/client-bedrock-runtime with its defaults (standard retry mode, 3 attempts), Converse
 * and ConverseStream, over HTTP/2 as it speaks; fake static credentials, any region.
 */
export const awsBedrock: ClientSubject = {
  name: '@aws-sdk/client-bedrock-runtime',
  provider: 'bedrock',
  streams: true,
  http2: true,
  async call({ baseUrl, stream, timeoutMs, onText }) {
    const client = new BedrockRuntimeClient({
      endpoint: baseUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDERRATACLIENTCHECK', secretAccessKey: 'errata-client-check-secret' },
      // The options of its default handler (NodeHttp2Handler): a per-request timeout.
      requestHandler: { requestTimeout: timeoutMs },
    });
    const request = {
      modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      messages: [{ role: 'user' as const, content: [{ text: 'Hello' }] }],
    };
    try {
      if (!stream) {
        const answer = await client.send(new ConverseCommand(request));
        return (answer.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
      }
      let text = '';
      for await (const event of (await client.send(new ConverseStreamCommand(request))).stream ?? []) {
        const delta = event.contentBlockDelta?.delta?.text ?? '';
        text += delta;
        if (delta) onText(delta);
      }
      return text;
    } finally {
      client.destroy();
    }
  },
};
