// One corpus case (@errata/corpus) through the normalizer, as a user would meet it: a body with its
// status and headers (status 0 where the source printed none: unknown); a mid-stream event's data
// under the stream's own 200 (Bedrock's event-stream `:exception-type` as the `x-amzn-errortype`
// header it stands for); an
// SDK-thrown error rebuilt from what the source printed and given to `fromSdkError`. With the
// provider hint or without it. Shared by the drift test and the bench (which passes dist/).
import type { CorpusCase } from '@errata/corpus';
import type { ErrorEnvelope } from '../../src/errors.js';
import type { Provider } from '../../src/normalize-error.js';

export interface CorpusApi {
  normalizeError: (
    response: { status: number; headers?: Record<string, string>; body: unknown },
    options?: { provider?: Provider },
  ) => ErrorEnvelope;
  fromSdkError: (
    error: unknown,
    options?: { provider?: Exclude<Provider, 'errata'> },
  ) => { code: string; body?: ErrorEnvelope | undefined } | undefined;
}

/** What a case became: its envelope, or why it could not be run yet. */
export type CaseOutcome = { envelope: ErrorEnvelope } | { needs: string };

// The thrown objects of the Stainless SDKs (openai-node, @anthropic-ai/sdk, groq-sdk) always carry
// these members, `undefined` where there was nothing; a printout leaves the undefined ones out.
const STAINLESS = new Set(['openai', '@anthropic-ai/sdk', 'groq-sdk', '@anthropic-ai/bedrock-sdk']);

// A Node printout shows a member whose value is undefined as `undefined` and an object nested too
// deep as `[Object]` (or `[Array]`): the member was there, its contents are not known.
const unprinted = (value: unknown): unknown =>
  value === 'undefined' ? undefined : value === '[Object]' ? {} : value === '[Array]' ? [] : value;

function thrown(sdk: NonNullable<CorpusCase['given']['sdk_error']>): unknown {
  const properties = Object.fromEntries(Object.entries(sdk.properties ?? {}).map(([k, v]) => [k, unprinted(v)]));
  const error = Object.assign(new Error(sdk.message ?? ''), { name: sdk.class }, properties);
  if (STAINLESS.has(sdk.package))
    for (const key of ['status', 'headers', 'error']) if (!(key in error)) Object.assign(error, { [key]: undefined });
  // Every AWS SDK v3 error carries `$metadata` (its service exceptions also `$fault`, whose value a
  // printout that leaves it out does not tell): the member, with nothing known in it.
  if (sdk.package.startsWith('@aws-sdk/') && !('$metadata' in error)) Object.assign(error, { $metadata: {} });
  return error;
}

/**
 * Runs one case, hinted (the provider named) or not.
 *
 * @example
 * const outcome = runCase(corpusCases[0], true, { normalizeError, fromSdkError });
 */
export function runCase(c: CorpusCase, hinted: boolean, api: CorpusApi): CaseOutcome {
  const provider = c.provider as Exclude<Provider, 'errata'>;
  const options = hinted ? { provider } : {};
  const { status, headers, body, stream, sdk_error: sdk } = c.given;
  if (body !== undefined) return { envelope: api.normalizeError({ status: status ?? 0, headers, body }, options) };
  if (stream) {
    const eventHeaders: Record<string, string> =
      stream.format === 'aws-eventstream' && stream.event ? { 'x-amzn-errortype': stream.event } : {};
    return {
      envelope: api.normalizeError({ status: status ?? 200, headers: eventHeaders, body: stream.data }, options),
    };
  }
  if (!sdk) return { needs: 'a body, a stream event or an SDK error' };
  // The Worker binding throws plain errors whose message is the whole story (`4006: you have used up …`).
  if (sdk.package === 'workerd') {
    const statusCode = (sdk.properties as { statusCode?: unknown } | undefined)?.statusCode;
    const thrownBody = { message: sdk.message, ...(typeof statusCode === 'number' ? { statusCode } : {}) };
    return { envelope: api.normalizeError({ status: 500, body: thrownBody }, options) };
  }
  const error = api.fromSdkError(thrown(sdk), options as { provider?: Exclude<Provider, 'errata'> });
  if (!error) return { needs: `an adapter for ${sdk.package} ${sdk.class}` };
  // An envelope without the provider's own words: the adapter found no provider error in what it threw.
  // (A status the error states, its message's or its own, counts: "401 status code (no body)" is all there was.)
  const origin = error.body?.origin;
  const said =
    origin && (origin.message ?? origin.code ?? origin.type ?? (origin.status >= 400 ? origin.status : undefined));
  if (said === undefined) return { needs: `an adapter that reads the error ${sdk.package} threw (${sdk.class})` };
  return { envelope: error.body! };
}

/** Whether the outcome is the case's `want`: its code, and its stated wait (rounded up to whole seconds). */
export function isRight(c: CorpusCase, outcome: CaseOutcome): boolean {
  if (!('envelope' in outcome)) return false;
  const { code, retry_after } = outcome.envelope;
  return code === c.want.code && (c.want.retry_after === undefined || retry_after === Math.ceil(c.want.retry_after));
}
