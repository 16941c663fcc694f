// One request-id header name, end to end: Chat API's spec linted and bundled with X-Trace-Id (the
// plugin's preprocessor and rule, trace-id.redocly.yaml), the kit bound to that bundle answering
// with X-Trace-Id, and the client told the same name reading it. Over HTTP on 127.0.0.1.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ClientEvent, createClient } from '@errata/client';
import { createErrataServer } from '@errata/server';
import { type ServedApp, serve } from '@errata/server/node';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatApi } from './app.js';

const run = promisify(execFile);
const app = join(import.meta.dirname, '..');
const config = join(app, 'src/variants/trace-id.redocly.yaml');
const KEY = 'sk_chat_trace';
const HEADER = 'X-Trace-Id';

type Problem = { ruleId: string; message: string };
/** `redocly lint` with `config`, its problems (it exits 1 when there are some). */
async function lint(configFile: string): Promise<Problem[]> {
  const args = ['lint', '--config', configFile, '--format', 'json', 'spec/openapi.yaml'];
  const out = await run('redocly', args, { cwd: app }).then(
    (r) => r.stdout,
    (error: { stdout: string }) => error.stdout,
  );
  return (JSON.parse(out) as { problems: Problem[] }).problems;
}

let spec: OpenApiDocument;
let served: ServedApp;
beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'errata-trace-')), 'openapi.json');
  await run('redocly', ['bundle', '--config', config, 'spec/openapi.yaml', '-o', out], { cwd: app });
  spec = JSON.parse(readFileSync(out, 'utf8')) as OpenApiDocument;
  const server = createErrataServer({ spec, requestIdHeader: HEADER });
  served = await serve({ fetch: createChatApi({ server, keys: [KEY], log: () => {} }).fetch, errata: server, port: 0 });
}, 60_000);
afterAll(() => served?.close());

// Chat API's routes are not Errata's: the client's typed methods do not know them.
type Call = (
  method: string,
  path: string,
  init: object,
) => Promise<{ error?: { request_id: string }; response: Response }>;
const callOf = (client: ReturnType<typeof createClient>) => client.request as unknown as Call;
const chat = { body: { model: 'tiny-chat-1', messages: [{ role: 'user', content: 'Hi' }] } };

describe('the request-id header renamed to X-Trace-Id', () => {
  it('lint: the spec declares it on every response, and only it', async () => {
    expect(await lint(config)).toEqual([]);
    const names = createSpecModel(spec)
      .operations.flatMap((op) => op.responses)
      .map((response) => response.headers.map((h) => h.name));
    expect(names.length).toBeGreaterThan(10);
    for (const headers of names) {
      expect(headers).toContain(HEADER);
      expect(headers).not.toContain('X-Request-Id');
    }
  });

  it.each([
    { name: 'an error (401)', given: { key: 'sk_wrong' }, want: { status: 401 } },
    { name: 'an error (400)', given: { key: KEY, body: {} }, want: { status: 400 } },
    { name: 'a success (200)', given: { key: KEY, body: chat.body }, want: { status: 200 } },
  ])('kit and client: $name carries it, and the client reads it', async ({ given, want }) => {
    const events: ClientEvent[] = [];
    const client = createClient({
      baseUrl: served.url,
      apiKey: given.key,
      requestIdHeader: HEADER,
      maxRetries: 0,
      onEvent: (e) => events.push(e),
    });
    const { error, response } = await callOf(client)('POST', '/v1/chat/completions', { body: given.body ?? chat.body });
    expect(response.status).toBe(want.status);
    const id = response.headers.get(HEADER);
    expect(id).toMatch(/\S/);
    expect(response.headers.has('X-Request-Id')).toBe(false);
    const done = events.find((e) => e.type === 'done');
    expect(done).toMatchObject({ requestId: id });
    if (want.status !== 200) expect(error?.request_id).toBe(id);
    // The declared response for that status names the header the kit sent.
    const declared = createSpecModel(spec)
      .operation('createChatCompletion')!
      .responses.find((r) => r.status === want.status)!;
    expect(declared.headers.map((h) => h.name)).toContain(HEADER);
  });

  it('a client left at X-Request-Id does not see the id of a success', async () => {
    const events: ClientEvent[] = [];
    const client = createClient({ baseUrl: served.url, apiKey: KEY, maxRetries: 0, onEvent: (e) => events.push(e) });
    await callOf(client)('POST', '/v1/chat/completions', chat);
    expect(events.find((e) => e.type === 'done')).toMatchObject({ requestId: undefined });
  });
});
