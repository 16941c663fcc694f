/**
 * Error answers for an API whose error envelope is nothing but a status, a name and a message
 * (Bedrock's rest-json), written by its protocol (ProviderApi `errorProtocol`) from what the corpus
 * and the crosswalk hold: an SDK's exception a provider really caused (a corpus `sdk_error` case
 * with its status), or a crosswalk entry with its documented status and message. Never anything
 * the two do not say.
 */
import { catalog, type ErrorCode, errorCodes, providers } from '@errata/types';
import { errorTexts, providerTexts } from '@errata/types/texts';
import type { Corpus } from '../corpus.js';
import type { WrittenError } from '../providers/provider-api.js';

/** One error the protocol can write, where it comes from, and the code it means. */
export interface ProtocolAnswer {
  /** The corpus case id, or `crosswalk:<provider>:<name>` for a crosswalk entry. */
  id: string;
  /** The URL of the case's source, or of the provider document the crosswalk entry cites. */
  source: string;
  code: string;
  error: WrittenError;
}

/**
 * The provider's corpus cases that are exceptions its own SDK threw, with the status and message
 * the wire carried.
 *
 * @example
 * sdkErrorAnswers(loadCorpus(), 'bedrock', '@aws-sdk/client-bedrock-runtime')[0]?.error.name; // 'ThrottlingException'
 */
export function sdkErrorAnswers(corpus: Corpus, provider: string, sdkPackage: string): ProtocolAnswer[] {
  return (corpus.get(provider) ?? []).flatMap((c) => {
    const sdk = c.given.sdk_error;
    if (sdk?.package !== sdkPackage || sdk.message === undefined || (c.given.status ?? 0) < 400) return [];
    const name = typeof sdk.properties?.name === 'string' ? sdk.properties.name : sdk.class;
    return [
      {
        id: c.id,
        source: c.source.url,
        code: c.want.code,
        error: { status: c.given.status!, name, message: sdk.message },
      },
    ];
  });
}

function documentUrl(provider: string, document: string | undefined): string {
  const documents = (providerTexts as Record<string, { documents?: Record<string, { url?: string }> }>)[provider]
    ?.documents;
  const docs = (providers as Record<string, { docs?: string }>)[provider]?.docs ?? '';
  return (document !== undefined ? documents?.[document]?.url : undefined) ?? docs;
}

/**
 * The provider's crosswalk entries that state a name, a status and the provider's documented message.
 *
 * @example
 * crosswalkAnswers('bedrock').find((a) => a.error.name === 'ServiceQuotaExceededException')?.error.status; // 400
 */
export function crosswalkAnswers(provider: string): ProtocolAnswer[] {
  return errorCodes.flatMap((code: ErrorCode) => {
    const entries = (catalog[code].crosswalk as Record<string, readonly { code?: string; status?: number }[]>)[
      provider
    ];
    const texts = (
      errorTexts[code].crosswalkSources as Record<string, readonly { message?: string; source?: string }[]>
    )[provider];
    return (entries ?? []).flatMap((entry, at) => {
      const message = texts?.[at]?.message;
      if (entry.code === undefined || entry.status === undefined || message === undefined) return [];
      return [
        {
          id: `crosswalk:${provider}:${entry.code}`,
          source: documentUrl(provider, texts?.[at]?.source),
          code,
          error: { status: entry.status, name: entry.code, message },
        },
      ];
    });
  });
}
