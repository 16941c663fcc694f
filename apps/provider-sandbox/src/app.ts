/**
 * The provider sandbox as a Hono app: each provider's routes under `/<provider>` (and under
 * `/s/<scenario>/<provider>` for a registered scenario), answering deterministically, or failing
 * as the fault plan asks with a case the provider really sent.
 */
import { constants, type ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import { type Context, Hono } from 'hono';
import { type Corpus, loadCorpus } from './corpus.js';
import { type AnswerFault, answerFault, streamFault } from './faults/choose-case.js';
import {
  FAULT_HEADERS,
  type FaultPlan,
  FaultPlanError,
  faultPlanFrom,
  retryAfterHeaders,
} from './faults/fault-plan.js';
import { type Clock, systemClock } from './internal/clock.js';
import { type StreamContext, streamResponse } from './internal/stream-response.js';
import { providerApis } from './providers/index.js';
import {
  ANSWER_TOKENS,
  type ErrorProtocol,
  type ProviderApi,
  type ProviderRequest,
  type ProviderRoute,
} from './providers/provider-api.js';
import { type Attempt, type Scenario, Scenarios } from './scenarios.js';

export interface ProviderSandboxOptions {
  corpus?: Corpus;
  clock?: Clock;
  /** How long a stalled stream stays silent before the sandbox cuts it, if the client has not gone. */
  stallMs?: number;
  /** Tokens before a cut or stall when the plan does not say (`errata-simulate-after`). */
  defaultAfter?: number;
  /** Where the routes live when mounted beside another app, e.g. `/providers`. */
  basePath?: string;
}

export interface ProviderSandbox {
  app: Hono;
  scenarios: Scenarios;
  corpus: Corpus;
}

const DEFAULT_AFTER = 2;

/**
 * The sandbox's own refusal: `{ error: { type, message } }`, or, on an API whose SDK reads only its
 * protocol's envelope (Bedrock's), that envelope, so that the reason reaches the SDK's error message.
 */
function refusal(status: number, message: string, protocol?: ErrorProtocol): Response {
  const text = `Errata provider sandbox: ${message}`;
  const headers = { 'errata-fault-refused': 'true' };
  if (protocol) {
    const written = protocol.write({ status, name: 'ErrataProviderSandboxRefusal', message: text });
    return new Response(written.body, { status, headers: { ...written.headers, ...headers } });
  }
  return Response.json({ error: { type: 'errata_provider_sandbox', message: text } }, { status, headers });
}

function contentType(body: string, headers: Record<string, string>): string {
  if (headers['content-type']) return headers['content-type'];
  const start = body.trimStart()[0];
  if (start === '{' || start === '[') return 'application/json';
  return start === '<' ? 'text/html' : 'text/plain';
}

function faultAnswer(fault: AnswerFault, plan: FaultPlan, now: number): Response {
  const headers = { ...fault.headers };
  if (plan.retryAfter) {
    delete headers['retry-after'];
    delete headers['retry-after-ms'];
    Object.assign(headers, retryAfterHeaders(plan.retryAfter, now));
  }
  headers['content-type'] = contentType(fault.body, headers);
  headers['errata-fault-case'] = fault.id;
  headers['errata-fault-source'] = fault.source;
  return new Response(fault.body, { status: fault.status, headers });
}

/**
 * On @hono/node-server, ends the socket after what was written: the client sees a cut stream. Over
 * HTTP/2 (serve-h2c.ts) the stream is reset instead, since the connection carries other streams.
 */
function socketBreaker(c: Context): (() => void) | undefined {
  const outgoing = (c.env as { outgoing?: { socket?: Socket | null; stream?: ServerHttp2Stream } } | undefined)
    ?.outgoing;
  if (outgoing?.stream) {
    const { stream } = outgoing;
    return () => stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  }
  const socket = outgoing?.socket;
  return socket ? () => socket.destroySoon() : undefined;
}

async function readRequest(raw: Request, params: Record<string, string>): Promise<ProviderRequest> {
  const text = await raw.text();
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  return {
    params,
    url: new URL(raw.url),
    body: typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {},
  };
}

/**
 * Builds the provider sandbox.
 *
 * @example
 * const { app } = createProviderSandbox();
 * const res = await app.request('/openai/v1/chat/completions', {
 *   method: 'POST',
 *   headers: { 'errata-simulate': 'RATE_LIMIT_EXCEEDED' },
 *   body: JSON.stringify({ model: 'gpt-4o-mini', messages: [] }),
 * });
 * res.status; // 429, with the body OpenAI sent in the corpus case
 */
export function createProviderSandbox(options: ProviderSandboxOptions = {}): ProviderSandbox {
  const corpus = options.corpus ?? loadCorpus();
  const clock = options.clock ?? systemClock;
  const stallMs = options.stallMs ?? 30_000;
  const defaultAfter = options.defaultAfter ?? DEFAULT_AFTER;
  const scenarios = new Scenarios();
  const app = options.basePath ? new Hono().basePath(options.basePath) : new Hono();

  app.post('/_scenarios', async (c) => {
    try {
      const plan = (await c.req.json()) as FaultPlan;
      const scenario = scenarios.create(plan);
      return c.json({ id: scenario.id, plan: scenario.plan }, 201);
    } catch (error) {
      return refusal(400, error instanceof FaultPlanError ? error.message : 'a scenario is a JSON fault plan');
    }
  });
  app.get('/_scenarios/:id', (c) => {
    const scenario = scenarios.get(c.req.param('id'));
    return scenario ? c.json(scenario) : refusal(404, 'no such scenario');
  });

  const handle =
    (api: ProviderApi, route: ProviderRoute) =>
    async (raw: Request, params: Record<string, string>, breakConnection: (() => void) | undefined) => {
      let scenario: Scenario | undefined = params.scenario ? scenarios.get(params.scenario) : undefined;
      const refuse = (status: number, message: string) => refusal(status, message, api.errorProtocol);
      if (params.scenario && !scenario) return refuse(404, `no scenario ${params.scenario}`);
      const attempt = (answered: Attempt['answered'], response: Response) => {
        if (scenario)
          scenarios.record(scenario, {
            at: clock.now(),
            method: raw.method,
            path: new URL(raw.url).pathname,
            idempotencyKey: raw.headers.get('idempotency-key') ?? undefined,
            answered,
            status: response.status,
          });
        return response;
      };
      const request = await readRequest(raw, params);
      const streams = route.streams(request) && route.stream !== undefined;
      let plan: FaultPlan | undefined;
      try {
        plan = scenario?.plan ?? faultPlanFrom(raw.headers);
        // Errata-Simulate-Key makes a scenario of a header plan, so its schedule counts attempts.
        const key = raw.headers.get(FAULT_HEADERS.key);
        if (!scenario && plan && key !== null) scenario = scenarios.keyed(key, plan);
      } catch (error) {
        return attempt('refused', refuse(400, (error as Error).message));
      }
      const earlier = scenario?.attempts.length ?? 0;
      const context: StreamContext = { signal: raw.signal, clock, stallMs, breakConnection };
      const active = plan !== undefined && (plan.times === undefined || earlier < plan.times);
      try {
        if (!active) {
          if (streams)
            return attempt('success', streamResponse(route, request, { end: undefined, after: 0 }, context, {}));
          return attempt('success', Response.json(route.answer(request, ANSWER_TOKENS)));
        }
        if (streams && (plan!.after !== undefined || plan!.stream !== undefined)) {
          const after = plan!.after ?? defaultAfter;
          if (plan!.stream)
            return attempt('fault', streamResponse(route, request, { end: plan!.stream, after }, context, {}));
          const fault = streamFault(corpus, api.id, plan!, route.streamError!);
          return attempt(
            'fault',
            streamResponse(route, request, { end: fault.event, after }, context, {
              'errata-fault-case': fault.id,
              'errata-fault-source': fault.source,
            }),
          );
        }
        if (plan!.stream || plan!.after !== undefined)
          return attempt(
            'refused',
            refuse(400, 'errata-simulate-after and errata-simulate-stream need a streaming request'),
          );
        return attempt('fault', faultAnswer(answerFault(corpus, api.id, plan!, api.errorProtocol), plan!, clock.now()));
      } catch (error) {
        if (error instanceof FaultPlanError) return attempt('refused', refuse(501, error.message));
        throw error;
      }
    };

  for (const api of providerApis)
    for (const route of api.routes) {
      const run = handle(api, route);
      const serve = (c: Context) => run(c.req.raw, c.req.param(), socketBreaker(c));
      app.post(`/${api.id}${route.path}`, serve);
      app.post(`/s/:scenario/${api.id}${route.path}`, serve);
    }
  app.notFound(() => refusal(404, 'no such provider route: see apps/provider-sandbox/README.md'));
  return { app, scenarios, corpus };
}
