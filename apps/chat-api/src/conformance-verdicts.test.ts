// What errata-contract --spec says about servers an adopter might really run: Chat API itself, and
// servers that keep the contract only in part. Each must get the verdict it deserves, with messages
// that name every defect in one run: the provider's nested errors, problem+json, a flat body, an
// envelope with planted defects, a server that ignores Errata-Simulate, and one that is right only
// under simulation. Served on 127.0.0.1 and checked with the config adopters copy (errata-contract.yaml).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ConformanceReport, loadContractConfig, runSpecConformance } from '@errata/contract';
import type { OpenApiDocument } from '@errata/spec-model';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChatApiOptions, createChatApi } from './app.js';
import { createNestedErrorsChatApi } from './variants/nested-errors.js';

const KEY = 'sk_chat_verdicts';
const app = join(import.meta.dirname, '..');
const spec = JSON.parse(readFileSync(join(app, 'src/generated/openapi.json'), 'utf8')) as OpenApiDocument;
const config = loadContractConfig(join(app, 'errata-contract.yaml'), { CHAT_API_KEY: KEY });
const servers: ServerType[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

function listen(fetch: Fetch): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

type Rewrite = (
  body: Record<string, unknown>,
  headers: Headers,
  simulated: boolean,
) => {
  body: unknown;
  type?: string;
};

const chatApi = (options: ChatApiOptions = {}) =>
  createChatApi({ keys: [KEY], simulate: true, log: () => {}, ...options });

/** Chat API with every error response rewritten on its way out (the kit's envelope in, something else out). */
function rewritten(rewrite: Rewrite): { fetch: (request: Request, env: unknown) => Promise<Response> } {
  const api = chatApi();
  return {
    async fetch(request, env) {
      const simulated = request.headers.has('errata-simulate');
      const response = await api.fetch(request, env);
      if (response.status < 400) return response;
      const headers = new Headers(response.headers);
      headers.delete('Content-Length'); // the body changes length
      const { body, type } = rewrite((await response.json()) as Record<string, unknown>, headers, simulated);
      headers.set('Content-Type', type ?? 'application/json');
      return new Response(JSON.stringify(body), { status: response.status, headers });
    },
  };
}

async function check(fetch: Fetch, extra = {}): Promise<ConformanceReport> {
  return runSpecConformance({ spec, baseUrl: await listen(fetch), config: { ...config, ...extra } });
}

const failures = (report: ConformanceReport) => report.results.filter((r) => r.outcome === 'failed');

describe('errata-contract --spec verdicts', () => {
  it('passes Chat API, saying what simulation alone proves', async () => {
    const report = await check(chatApi().fetch);
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const simulated = report.coverage.filter((r) => r.proof === 'simulated').map((r) => `${r.operationId} ${r.code}`);
    expect(simulated).toContain('createChatCompletion INTERNAL_ERROR');
    // Caused for real, by the spec alone: malformed JSON, a missing field, a reused Idempotency-Key.
    const builtin = report.results.filter((r) => r.via === 'builtin' && r.operationId === 'createEmbedding');
    expect(builtin.map((r) => `${r.code} ${r.outcome}`)).toEqual([
      'INVALID_REQUEST passed',
      'INVALID_REQUEST passed',
      'MISSING_REQUIRED_FIELD passed',
      'INVALID_FIELD_VALUE passed',
      'IDEMPOTENCY_CONFLICT passed',
    ]);
  });

  it('fails a server that is right only under simulation, and says which codes rest on it', async () => {
    // Errors caused for real come back as a bare { message }; simulated ones are the envelope.
    const report = await check(
      rewritten((body, _, simulated) => (simulated ? { body } : { body: { message: body.message } })).fetch,
    );
    expect(report.ok).toBe(false);
    const real = failures(report);
    expect(real.length).toBeGreaterThan(0);
    expect(real.filter((r) => r.proof !== 'real')).toEqual([]);
    expect(report.results.filter((r) => r.via === 'simulate' && r.outcome === 'failed')).toEqual([]);
  });

  it('fails, by policy, a run that rests on simulation more than the config allows', async () => {
    const report = await check(chatApi().fetch, { maxSimulated: 10 });
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.policy.violations.join('\n')).toMatch(
      /codes \(\d+(\.\d)?%\) are proven only by simulation; maxSimulated allows 10%/,
    );
  });

  it('fails a run with a code it never probed, unless the config says why', async () => {
    const noSimulate = { simulate: false };
    const report = await check(chatApi({ simulate: false }).fetch, noSimulate);
    expect(report.ok).toBe(false);
    expect(report.policy.violations[0]).toMatch(
      /not probed, and the config does not say why: .*createChatCompletion INTERNAL_ERROR/,
    );
    const accepted = await check(chatApi({ simulate: false }).fetch, {
      ...noSimulate,
      notProbed: [{ reason: 'no request causes these; covered by the kit’s own tests', code: 'INTERNAL_ERROR' }],
    });
    expect(accepted.coverage.find((r) => r.code === 'INTERNAL_ERROR')?.accepted).toMatch(/no request causes these/);
  });

  it('says once that a server ignores Errata-Simulate', async () => {
    const report = await check(chatApi({ simulate: false }).fetch);
    expect(report.ok).toBe(false);
    expect(report.hints.map((h) => h.message)).toEqual([
      expect.stringMatching(/^\d+ probes sent Errata-Simulate and got a 2xx: the server ignores Errata-Simulate/),
    ]);
  });

  const defects: { name: string; given: Rewrite; want: RegExp[] }[] = [
    {
      name: 'the provider’s nested errors (OpenAI style)',
      given: (body) => ({ body: { error: { message: body.message, type: 'invalid_request_error', code: null } } }),
      want: [/error responses are the provider's own nested `error` object/],
    },
    {
      name: 'the provider’s native shape (Anthropic style)',
      given: (body) => ({ body: { type: 'error', error: { type: 'not_found_error', message: body.message } } }),
      want: [/error responses are the provider's own nested `error` object/],
    },
    {
      name: 'problem+json',
      given: (body) => ({
        body: { type: 'about:blank', title: body.message, status: body.status, detail: body.message },
        type: 'application/problem+json',
      }),
      want: [
        /header Content-Type: expected application\/json, got "application\/problem\+json"/,
        /body: not the envelope: missing `code`, `message`, `request_id`, `doc_url`, `category`, `retry`/,
      ],
    },
    {
      name: 'a flat body that is not the envelope',
      given: (body) => ({ body: { error: body.message, code: body.status } }),
      want: [
        /body\/code: 4\d\d is not a catalog code/,
        /body: not the envelope: missing `message`, `status`, `request_id`, `doc_url`, `category`, `retry`/,
      ],
    },
    {
      name: 'an envelope with planted defects',
      given: (body, headers) => {
        headers.set('X-Request-Id', 'req_other0000000000');
        headers.delete('Retry-After');
        const { message: _, ...rest } = body;
        return {
          body: {
            ...rest,
            status: 418,
            doc_url: 'https://elsewhere.example/errors',
            category: 'nonsense',
            retry: 'sometimes',
          },
        };
      },
      want: [
        /body: must have required property 'message'/,
        /body\/status: 418 differs from the HTTP status/,
        /body\/request_id: .* differs from X-Request-Id "req_other0000000000"/,
        /body\/doc_url: expected https:\/\/chat\.example\.com\/docs\/errors#\w+ \(at any origin\)/,
        /body\/category: must be equal to constant \(expected "\w+", got "nonsense"\)/,
        /body\/retry: must be equal to constant \(expected "\w+", got "sometimes"\)/,
      ],
    },
  ];

  it.each(defects)('fails $name, naming every defect in one run', async ({ given, want }) => {
    const report = await check(rewritten(given).fetch);
    expect(report.ok).toBe(false);
    const errors = report.results.filter((r) => r.section !== 'success');
    expect(errors.every((r) => r.outcome === 'failed')).toBe(true);
    const said = [...report.hints.map((h) => h.message), ...failures(report).flatMap((r) => r.diff)].join('\n');
    for (const line of want) expect(said).toMatch(line);
    // No probe's diff says the same thing twice.
    for (const r of failures(report)) expect(new Set(r.diff).size).toBe(r.diff.length);
  });

  it('fails the nested-errors variant on every error probe (the one the adopter CI test runs)', async () => {
    const report = await check(createNestedErrorsChatApi({ keys: [KEY], simulate: true }).fetch);
    expect(report.hints.map((h) => h.message).join('\n')).toMatch(/responses have no X-Request-Id header/);
  });
});
