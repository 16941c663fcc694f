/**
 * The paste box's reasoning, without the page: what a pasted error (a JSON body, a bare code,
 * internal code or message; optionally its HTTP status and provider) is in Errata's catalog.
 * Bodies go through `normalizeError` from `@errata/client/normalize`, the normalizer the client
 * ships, so the box answers what the client would; the crosswalk says which provider error it
 * recognised. Nothing here touches the network.
 */
import type { ErrorEnvelope } from '@errata/client';
import { normalizeError } from '@errata/client/normalize';
import {
  type CrosswalkEntry,
  catalog,
  type ErrorCode,
  errorCodes,
  isErrorCode,
  matchCrosswalk,
  type ProviderErrorKey,
  type ProviderId,
  providers,
} from '@errata/types';

/** One way of reading the paste: as which provider's error, recognised how, and how surely. */
export interface Reading {
  code: ErrorCode;
  provider: 'errata' | ProviderId;
  how: 'envelope' | 'code' | 'internal code' | 'message' | 'crosswalk' | 'status';
  key: ProviderErrorKey;
  entry?: CrosswalkEntry;
  specificity: number;
  envelope?: ErrorEnvelope | undefined;
}

/** The box's answer: the code, the reading that gave it, the other readings, and what the client returns. */
export interface Answer {
  code: ErrorCode;
  reading: Reading;
  others: Reading[];
  envelope: ErrorEnvelope | undefined;
}

/** A body its provider documents as not an error. */
export interface Refusal {
  refusal: string;
  provider: ProviderId;
}

/** What was pasted: the text, and the status and provider if given. */
export interface Pasted {
  text: string;
  status?: number | undefined;
  provider?: 'errata' | ProviderId | '' | undefined;
}

/** Each code's message template ("Model {model} does not exist."). */
export type Templates = Partial<Record<string, string>>;

/** A code's crosswalk by provider. */
type Crosswalk = Partial<Record<ProviderId, readonly CrosswalkEntry[]>>;

const providerIds = Object.keys(providers) as ProviderId[];

/**
 * The provider a paste names, when it is one the catalog knows (`''` for none named): a link can
 * carry anything in its `provider=`.
 *
 * @example
 * pastedProvider('workers-ai'); // 'workers-ai'
 * pastedProvider('nobody'); // undefined
 */
export function pastedProvider(id: string): Pasted['provider'] {
  if (id === '' || id === 'errata') return id;
  return providerIds.find((known) => known === id);
}

function parseJson(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Message templates as patterns: "Model {model} does not exist." finds "Model echo-1 does not exist."
 */
const templatePatterns = (templates: Templates) =>
  errorCodes.flatMap((code) => {
    const template = templates[code];
    if (!template) return [];
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]*\}/g, '.+');
    return [{ code, pattern: new RegExp(`^${escaped}$`, 'i') }];
  });

/**
 * What Errata's own catalog makes of the paste: an envelope's code, a code, an internal code or a
 * message of one of its templates.
 */
function errataReadings(body: unknown, text: string, templates: Templates): Reading[] {
  const key: ProviderErrorKey = { message: text };
  const bodyCode = body && typeof body === 'object' && 'code' in body ? body.code : undefined;
  if (isErrorCode(bodyCode)) {
    const code = bodyCode;
    return [{ code, provider: 'errata', how: 'envelope', key: { code }, specificity: 8 }];
  }
  if (body !== undefined) return [];
  const name = text.toUpperCase().replace(/[\s-]+/g, '_');
  if (isErrorCode(name)) return [{ code: name, provider: 'errata', how: 'code', key: { code: name }, specificity: 8 }];
  const internal = errorCodes.find((code) => String(catalog[code].internalCode) === text);
  if (internal)
    return [
      {
        code: internal,
        provider: 'errata',
        how: 'internal code',
        key: { internal_code: Number(text) },
        specificity: 4,
      },
    ];
  return templatePatterns(templates)
    .filter(({ pattern }) => pattern.test(text))
    .map(({ code }) => ({ code, provider: 'errata', how: 'message', key, specificity: 2 }));
}

/**
 * A documented text as a pattern over a whole message: "No such model ${model} or task" finds
 * "No such model @cf/x or task"; a text without placeholders must be the whole message.
 */
const documentedPattern = (documented: string) =>
  new RegExp(
    `^${documented
      .trim()
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\\$\{[^}]*\}|\{[^}]*\}/g, '.+')}$`,
    'i',
  );

/**
 * Bare text that is a provider's own name for an error (Workers AI's "No such model"): the
 * catalog's crosswalk keeps names (messages and descriptions are in the texts, which the paste box
 * does not ship; message patterns find those).
 */
function documentedReadings(provider: ProviderId, text: string): Reading[] {
  return errorCodes.flatMap((code): Reading[] => {
    const crosswalk: Crosswalk = catalog[code].crosswalk;
    const entries = crosswalk[provider] ?? [];
    const entry = entries.find((e) => e.name !== undefined && documentedPattern(e.name).test(text));
    return entry
      ? [
          {
            code,
            provider,
            how: 'crosswalk',
            key: { message: text },
            entry,
            specificity: DOCUMENTED,
          },
        ]
      : [];
  });
}

/** What text a provider documents word for word weighs: over a pattern, under an identifier. */
const DOCUMENTED = 3;

/** What a guessed status costs: a guess plus a message (3) ranks under a message alone (2). */
const GUESSED = 1.5;

/**
 * The statuses to try for a provider: the one given, or, when none was, every status its
 * crosswalk names (a match that rests on the status alone then does not count: it was a guess).
 */
function statusesFor(provider: ProviderId, status: number | undefined): (number | undefined)[] {
  if (status !== undefined) return [status];
  const named = errorCodes.flatMap((code) => {
    const crosswalk: Crosswalk = catalog[code].crosswalk;
    return crosswalk[provider] ?? [];
  });
  return [undefined, ...new Set(named.map((entry) => entry.status).filter((s) => s !== undefined))];
}

/**
 * What one provider's crosswalk makes of the paste. A body is read by `normalizeError` as that
 * provider's (its `origin` is what the body says of itself); bare text is taken as the provider's
 * code, internal code or message.
 *
 * @param chosen whether the person named this provider
 */
function providerReadings(
  provider: ProviderId,
  body: unknown,
  text: string,
  status: number | undefined,
  chosen: boolean,
): Reading[] {
  const readings: Reading[] = [];
  for (const tried of statusesFor(provider, status)) {
    let key: ProviderErrorKey = {
      code: text,
      internal_code: /^\d+$/.test(text) ? Number(text) : undefined,
      message: text,
      status: tried,
    };
    let envelope: ErrorEnvelope | undefined;
    if (body !== undefined) {
      // Status 0 when none is known: the crosswalk then matches only entries that name no status.
      envelope = normalizeError({ status: tried ?? 0, body: text }, { provider });
      const origin: ProviderErrorKey = envelope.origin ?? {};
      // Every key the normalizer read from the body: the new providers match on `type` and `reason` too.
      key = {
        code: origin.code,
        internal_code: origin.internal_code,
        type: origin.type,
        reason: origin.reason,
        message: origin.message,
        status: origin.status || undefined,
      };
    }
    const best = matchCrosswalk(provider, key)[0];
    // A status the paste did not give weighs less than anything it did say; a match on the status
    // alone counts only for the provider the person named (else the catalog's default for the
    // status is the honest answer).
    const specificity = (best?.specificity ?? 0) - (tried !== status ? GUESSED : 0);
    if (best && (specificity > 1 || (chosen && status !== undefined))) {
      readings.push({
        code: best.code,
        provider,
        how: 'crosswalk',
        key,
        entry: best.entry,
        specificity,
        envelope,
      });
    }
  }
  return readings;
}

/**
 * Why a provider refuses the body: it documents it as not an error (ModelsLab's "processing").
 */
const refusalOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && error.code === 'INVALID_RESPONSE'
    ? error.message.replace(/^normalizeError: /, '')
    : undefined;

/**
 * Explains a pasted error. `undefined` when nothing in it is in the catalog or the crosswalk and
 * no status was given.
 *
 * @example
 * const text = '{"errors":[{"code":3036,"message":"…"}]}';
 * explain({ text, status: 429, provider: 'workers-ai' })?.code; // 'DAILY_QUOTA_EXCEEDED'
 * explain({ text: 'No such model' }); // undefined, or the code whose provider message says so
 * @param templates the catalog's message templates (the page reads them from its sections)
 */
export function explain(
  { text: raw, status: given, provider }: Pasted,
  templates: Templates = {},
): Answer | Refusal | undefined {
  let text = raw.trim();
  let status = given;
  // A bare three-digit number is an HTTP status (no catalog or provider internal code has three digits).
  if (status === undefined && /^[1-5]\d\d$/.test(text)) [status, text] = [Number(text), ''];
  const body = parseJson(text);
  const candidates: ('errata' | ProviderId)[] = provider ? [provider] : ['errata', ...providerIds];
  const readings: Reading[] = [];
  let refused: Refusal | undefined;
  for (const p of candidates) {
    if (p === 'errata') {
      readings.push(...errataReadings(body, text, templates));
      continue;
    }
    try {
      if (body === undefined) readings.push(...documentedReadings(p, text));
      readings.push(...providerReadings(p, body, text, status, Boolean(provider)));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      refused ??= { refusal, provider: p };
    }
  }
  // A provider documents the body as not an error: that is the answer when nothing reads it as one.
  if (refused && (provider || readings.length === 0)) return refused;
  readings.sort((a, b) => b.specificity - a.specificity);
  const seen = new Set<string>();
  const unique = readings.filter((r) => !seen.has(`${r.provider} ${r.code}`) && seen.add(`${r.provider} ${r.code}`));
  let [reading, ...others] = unique;
  if (!reading && status !== undefined && status >= 400 && status <= 599) {
    const { code } = normalizeError({ status, body: '' });
    reading = { code, provider: provider || 'errata', how: 'status', key: { status }, specificity: 0 };
  }
  if (!reading) return undefined;
  const envelope =
    body === undefined
      ? undefined
      : (reading.key.status !== undefined && reading.envelope) || envelopeFor(reading, text, status);
  // The client's answer is the one shown: the reading only says why.
  const code = envelope?.code ?? reading.code;
  return { code, reading, others: others.filter((r) => r.code !== code), envelope };
}

/**
 * What `normalizeError` gives for the body, read as the recognised provider's, at the status given
 * or, when none was, at the status of the code it was recognised as.
 */
function envelopeFor(reading: Reading, text: string, status: number | undefined): ErrorEnvelope {
  const wire = status ?? reading.key.status ?? catalog[reading.code].status;
  return normalizeError({ status: wire, body: text }, { provider: reading.provider });
}
