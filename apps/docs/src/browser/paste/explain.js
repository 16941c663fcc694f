// @ts-check
/**
 * The paste box's reasoning, without the page: what a pasted error (a JSON body, a bare code,
 * internal code or message; optionally its HTTP status and provider) is in Errata's catalog.
 * Bodies go through `normalizeError` from `@errata/client/normalize`, the normalizer the client
 * ships, so the box answers what the client would; the crosswalk says which provider error it
 * recognised. Nothing here touches the network.
 */
import { normalizeError } from '@errata/client/normalize';
import { catalog, errorCodes, isErrorCode, matchCrosswalk, providers } from '@errata/types';

/**
 * @typedef {import('@errata/types').ErrorCode} ErrorCode
 * @typedef {import('@errata/types').ProviderId} ProviderId
 * @typedef {import('@errata/types').ProviderErrorKey} ProviderErrorKey
 * @typedef {import('@errata/types').CrosswalkMatch['entry']} CrosswalkEntry
 * @typedef {{ code: ErrorCode, provider: 'errata' | ProviderId, how: 'envelope' | 'code' | 'internal code' | 'message' | 'crosswalk' | 'status', key: ProviderErrorKey, entry?: CrosswalkEntry, specificity: number, envelope?: Record<string, unknown> }} Reading
 * @typedef {{ code: ErrorCode, reading: Reading, others: Reading[], envelope: Record<string, unknown> | undefined }} Answer
 * @typedef {{ refusal: string, provider: ProviderId }} Refusal a body its provider documents as not an error
 * @typedef {{ text: string, status?: number | undefined, provider?: 'errata' | ProviderId | '' | undefined }} Pasted
 * @typedef {Partial<Record<string, string>>} Templates each code's message template ("Model {model} does not exist.")
 */

const providerIds = /** @type {ProviderId[]} */ (Object.keys(providers));

/** @param {string} text */
function parseJson(text) {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return /** @type {unknown} */ (JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Message templates as patterns: "Model {model} does not exist." finds "Model echo-1 does not exist."
 *
 * @param {Templates} templates
 */
const templatePatterns = (templates) =>
  errorCodes.flatMap((code) => {
    const template = templates[code];
    if (!template) return [];
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]*\}/g, '.+');
    return [{ code, pattern: new RegExp(`^${escaped}$`, 'i') }];
  });

/**
 * What Errata's own catalog makes of the paste: an envelope's code, a code, an internal code or a
 * message of one of its templates.
 *
 * @param {unknown} body
 * @param {string} text
 * @param {Templates} templates
 * @returns {Reading[]}
 */
function errataReadings(body, text, templates) {
  const key = { message: text };
  if (body && typeof body === 'object' && isErrorCode(/** @type {{ code?: unknown }} */ (body).code)) {
    const code = /** @type {ErrorCode} */ (/** @type {{ code: string }} */ (body).code);
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
 *
 * @param {string} documented
 */
const documentedPattern = (documented) =>
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
 *
 * @param {ProviderId} provider
 * @param {string} text
 * @returns {Reading[]}
 */
function documentedReadings(provider, text) {
  return errorCodes.flatMap((code) => {
    /** @type {readonly CrosswalkEntry[]} */
    const entries = /** @type {Record<string, CrosswalkEntry[]>} */ (catalog[code].crosswalk)[provider] ?? [];
    const entry = entries.find((e) => e.name !== undefined && documentedPattern(e.name).test(text));
    return entry
      ? [
          {
            code,
            provider,
            how: /** @type {const} */ ('crosswalk'),
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
 *
 * @param {ProviderId} provider
 * @param {number | undefined} status
 */
function statusesFor(provider, status) {
  if (status !== undefined) return [status];
  const named = errorCodes.flatMap(
    (code) => /** @type {Record<string, { status?: number }[]>} */ (catalog[code].crosswalk)[provider] ?? [],
  );
  return [undefined, ...new Set(named.map((entry) => entry.status).filter((s) => s !== undefined))];
}

/**
 * What one provider's crosswalk makes of the paste. A body is read by `normalizeError` as that
 * provider's (its `origin` is what the body says of itself); bare text is taken as the provider's
 * code, internal code or message.
 *
 * @param {ProviderId} provider
 * @param {unknown} body
 * @param {string} text
 * @param {number | undefined} status
 * @param {boolean} chosen whether the person named this provider
 * @returns {Reading[]}
 */
function providerReadings(provider, body, text, status, chosen) {
  const readings = [];
  for (const tried of statusesFor(provider, status)) {
    /** @type {ProviderErrorKey} */
    let key = {
      code: text,
      internal_code: /^\d+$/.test(text) ? Number(text) : undefined,
      message: text,
      status: tried,
    };
    /** @type {Record<string, unknown> | undefined} */
    let envelope;
    if (body !== undefined) {
      // Status 0 when none is known: the crosswalk then matches only entries that name no status.
      envelope = /** @type {Record<string, unknown>} */ (
        normalizeError({ status: tried ?? 0, body: text }, { provider })
      );
      const origin = /** @type {ProviderErrorKey} */ (envelope.origin ?? {});
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
        how: /** @type {const} */ ('crosswalk'),
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
 *
 * @param {unknown} error
 * @returns {string | undefined}
 */
const refusalOf = (error) =>
  error instanceof Error && /** @type {{ code?: string }} */ (error).code === 'INVALID_RESPONSE'
    ? error.message.replace(/^normalizeError: /, '')
    : undefined;

/**
 * Explains a pasted error. `undefined` when nothing in it is in the catalog or the crosswalk and
 * no status was given.
 *
 * @example
 * explain({ text: '{"errors":[{"code":3036,"message":"…"}]}', status: 429, provider: 'workers-ai' })?.code; // 'DAILY_QUOTA_EXCEEDED'
 * explain({ text: 'No such model' }); // undefined, or the code whose provider message says so
 * @param {Pasted} pasted
 * @param {Templates} [templates] the catalog's message templates (the page reads them from its sections)
 * @returns {Answer | Refusal | undefined}
 */
export function explain({ text: raw, status: given, provider }, templates = {}) {
  let text = raw.trim();
  let status = given;
  // A bare three-digit number is an HTTP status (no catalog or provider internal code has three digits).
  if (status === undefined && /^[1-5]\d\d$/.test(text)) [status, text] = [Number(text), ''];
  const body = parseJson(text);
  const candidates = provider ? [provider] : ['errata', ...providerIds];
  /** @type {Reading[]} */
  /** @type {Reading[]} */
  const readings = [];
  /** @type {Refusal | undefined} */
  let refused;
  for (const p of candidates) {
    if (p === 'errata') {
      readings.push(...errataReadings(body, text, templates));
      continue;
    }
    try {
      if (body === undefined) readings.push(...documentedReadings(/** @type {ProviderId} */ (p), text));
      readings.push(...providerReadings(/** @type {ProviderId} */ (p), body, text, status, Boolean(provider)));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      refused ??= { refusal, provider: /** @type {ProviderId} */ (p) };
    }
  }
  // A provider documents the body as not an error: that is the answer when nothing reads it as one.
  if (refused && (provider || readings.length === 0)) return refused;
  readings.sort((a, b) => b.specificity - a.specificity);
  const seen = new Set();
  const unique = readings.filter((r) => !seen.has(`${r.provider} ${r.code}`) && seen.add(`${r.provider} ${r.code}`));
  let [reading, ...others] = unique;
  if (!reading && status !== undefined && status >= 400 && status <= 599) {
    const code = /** @type {ErrorCode} */ (normalizeError({ status, body: '' }).code);
    reading = { code, provider: provider || 'errata', how: 'status', key: { status }, specificity: 0 };
  }
  if (!reading) return undefined;
  const envelope =
    body === undefined
      ? undefined
      : (reading.key.status !== undefined && reading.envelope) || envelopeFor(reading, text, status);
  // The client's answer is the one shown: the reading only says why.
  const code = /** @type {ErrorCode} */ (envelope?.code ?? reading.code);
  return { code, reading, others: others.filter((r) => r.code !== code), envelope };
}

/**
 * What `normalizeError` gives for the body, read as the recognised provider's, at the status given
 * or, when none was, at the status of the code it was recognised as.
 *
 * @param {Reading} reading
 * @param {string} text
 * @param {number | undefined} status
 * @returns {Record<string, unknown>}
 */
function envelopeFor(reading, text, status) {
  const wire = status ?? reading.key.status ?? catalog[reading.code].status;
  return /** @type {Record<string, unknown>} */ (
    normalizeError({ status: wire, body: text }, { provider: reading.provider })
  );
}
