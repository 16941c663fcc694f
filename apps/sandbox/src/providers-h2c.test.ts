// The sandbox's start also starts the provider endpoints' cleartext HTTP/2 listener, which the AWS
// SDK needs for Bedrock (it speaks HTTP/2 only): a real h2c request on 127.0.0.1 gets Bedrock's
// Converse answer, and a fault in Bedrock's shape.
import { connect } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: null, docsDir: undefined });
});
afterAll(() => sandbox.close());

async function h2Post(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: unknown; body: string }> {
  const { origin, pathname } = new URL(url);
  const session = connect(origin);
  try {
    return await new Promise((resolve, reject) => {
      const request = session.request({ ':method': 'POST', ':path': pathname, ...headers });
      let body = '';
      let status = 0;
      let type: unknown;
      request.on('response', (head) => {
        status = Number(head[':status']);
        type = head['x-amzn-errortype'];
      });
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => resolve({ status, type, body }));
      request.on('error', reject);
      request.end('{"messages":[]}');
    });
  } finally {
    session.close();
  }
}

describe('the Bedrock endpoint over h2c', () => {
  it.each<{ name: string; given: Record<string, string>; want: { status: number; type: unknown; body: RegExp } }>([
    { name: 'a Converse answer', given: {}, want: { status: 200, type: undefined, body: /"stopReason":"end_turn"/ } },
    {
      name: 'a ThrottlingException as Bedrock sent it',
      given: { 'errata-simulate': 'RATE_LIMIT_EXCEEDED' },
      want: { status: 429, type: expect.stringMatching(/^ThrottlingException/), body: /^\{"message":/ },
    },
  ])('$name', async ({ given, want }) => {
    const got = await h2Post(`${sandbox.bedrockUrl}/model/anthropic.claude-x/converse`, given);
    expect(got).toMatchObject({ status: want.status, type: want.type });
    expect(got.body).toMatch(want.body);
  });
});
