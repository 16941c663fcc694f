// The drift guard: every corpus case (@errata/corpus: errors providers really sent, corpus/cases/)
// is normalized with the provider named and without, and must become its `want.code` (and the wait
// the wire states, `want.retry_after`); a spec change that alters an outcome fails here, naming the
// case. A sample goes through the client over real HTTP. SDK-thrown errors an adapter cannot read
// yet are listed as todo, never counted as passing.
import { type CorpusCase, corpusCases } from '@errata/corpus';
import { type ErrorCode, errorCodes } from '@errata/types';
import { errorTexts } from '@errata/types/texts';
import { describe, expect, it } from 'vitest';
import { fromSdkError } from '../src/adapters.js';
import { normalizeError, providerNormalizer } from '../src/normalize-error.js';
import { type CorpusApi, isRight, runCase } from './helpers/corpus-run.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';

const api: CorpusApi = { normalizeError, fromSdkError };
const label = (c: CorpusCase) => `${c.id} (${c.kind}) → ${c.want.code}`;

/**
 * The cases whose sender nothing in the response names: without the hint they get what the
 * status says, and that is pinned too (id → the code, and why the body cannot say more).
 */
const withoutHint: Record<string, { code: string; why: string }> = {
  'groq-503-envoy-overflow': {
    code: 'SERVICE_UNAVAILABLE',
    why: 'a plain-text page from Envoy, with no header or shape of Groq’s',
  },
  'groq-404-decommissioned-model-does-not-exist': {
    code: 'RESOURCE_NOT_FOUND',
    why: '`{ error: { message } }` alone: no type, code or header to say whose',
  },
  'azure-openai-sdk-ai-sdk-azure-401': {
    code: 'UNAUTHENTICATED',
    why: 'the AI SDK kept no headers of Azure’s, and `{ error: { code, message } }` is no shape of Azure’s alone',
  },
  'azure-openai-sdk-ai-sdk-stream-content-filter': {
    code: 'INTERNAL_ERROR',
    why: 'a mid-stream message with no status, header or body: nothing says Azure',
  },
  'bedrock-anthropic-sdk-model-access-denied': {
    code: 'INSUFFICIENT_PERMISSIONS',
    why: '@anthropic-ai/bedrock-sdk keeps a status and a message, nothing of Bedrock’s: read as Anthropic’s 403',
  },
  'groq-sdk-ai-sdk-max-tokens-preview': {
    code: 'INTERNAL_ERROR',
    why: 'a mid-stream message with no status, header or body: nothing says Groq',
  },
  'groq-sdk-ai-sdk-request-too-large': {
    code: 'INTERNAL_ERROR',
    why: 'a mid-stream message with no status, header or body: nothing says Groq',
  },
  'groq-sdk-rate-limit-tokens-per-day': {
    code: 'RATE_LIMIT_EXCEEDED',
    why: 'openai-node’s message and status only (the printout kept no headers): read as OpenAI’s 429',
  },
  'mistral-ai-sdk-unauthorized': {
    code: 'INTERNAL_ERROR',
    why: 'a message with no status, header or body: nothing says Mistral',
  },
  'openrouter-404-no-endpoints-tool-choice': {
    code: 'RESOURCE_NOT_FOUND',
    why: 'the JSON is cut short, so no shape can be read from it',
  },
};

const runnable = corpusCases.filter((c) => !('needs' in runCase(c, true, api)));
const pending = corpusCases.filter((c) => 'needs' in runCase(c, true, api));

describe('the corpus, with the provider named', () => {
  it.each(runnable.map((c) => ({ name: label(c), c })))('$name', ({ c }) => {
    const outcome = runCase(c, true, api);
    expect('envelope' in outcome && outcome.envelope.code, c.id).toBe(c.want.code);
    expect(isRight(c, outcome), `${c.id}: the wait the wire states`).toBe(true);
  });
  for (const c of pending) it.todo(`${label(c)}: ${(runCase(c, true, api) as { needs: string }).needs}`);
});

describe('the corpus, without the provider', () => {
  it.each(runnable.map((c) => ({ name: label(c), c })))('$name', ({ c }) => {
    const outcome = runCase(c, false, api);
    const pinned = withoutHint[c.id];
    expect('envelope' in outcome && outcome.envelope.code, c.id).toBe(pinned?.code ?? c.want.code);
    if (!pinned) expect(isRight(c, outcome), `${c.id}: the wait the wire states`).toBe(true);
    // A body nothing recognised says so, and then only its status speaks.
    const origin = 'envelope' in outcome ? outcome.envelope.origin : undefined;
    if (origin?.provider === 'unknown') expect(origin.recognised).toBe(false);
  });

  it('pins only cases that are in the corpus and really differ', () => {
    for (const id of Object.keys(withoutHint)) {
      const c = corpusCases.find((k) => k.id === id);
      expect(c, id).toBeDefined();
      expect(withoutHint[id]!.code, id).not.toBe(c!.want.code);
    }
  });
});

describe('the crosswalk entries that follow observed traffic', () => {
  // Each `evidence` URL is the source of a corpus case (of that provider, or of the gateway that relayed
  // its error), so the case pins the entry.
  const entries = errorCodes.flatMap((code: ErrorCode) =>
    Object.entries(errorTexts[code].crosswalkSources as Record<string, { evidence?: readonly string[] }[]>).flatMap(
      ([provider, list]) =>
        list.flatMap((entry, at) => (entry.evidence ?? []).map((url) => ({ name: `${code} ${provider}[${at}]`, url }))),
    ),
  );
  it.each(entries)('$name: $url is a corpus case', ({ url }) => {
    expect(corpusCases.some((c) => c.source.url === url)).toBe(true);
  });
});

// One body case per provider that shows a status, replayed by a node:http server on 127.0.0.1 with
// its headers: the client with the provider's normalizer, and with none named, hands out `want`.
const serve = serverPerTest();
const overHttp = [
  ...new Map(
    corpusCases
      .filter((c) => c.given.body !== undefined && (c.given.status ?? 0) >= 400 && !withoutHint[c.id])
      .map((c) => [c.provider, c]),
  ).values(),
];

describe('a sample of the corpus through the client, over HTTP', () => {
  it.each(overHttp.map((c) => ({ name: label(c), c })))('$name', async ({ c }) => {
    const { status, headers, body } = c.given as { status: number; headers?: Record<string, string>; body: string };
    for (const normalize of [providerNormalizer(c.provider as 'openai'), providerNormalizer()]) {
      const { client, server } = await serve((_req, res) => reply(res, status, body, headers), {
        normalize,
        maxRetries: 0,
      });
      const { error } = await client.GET('/v1/models');
      expect(error?.code, c.id).toBe(c.want.code);
      expect(server.requests).toHaveLength(1);
    }
  });
});
