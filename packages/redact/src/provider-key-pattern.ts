/**
 * The shapes of the AI providers' API keys, for `createRedactor([], { keyPattern })` where the key
 * is not known (a pasted error body, a log line): OpenAI's, Anthropic's and OpenRouter's `sk-…`
 * (with the `*` OpenAI masks the middle of an echoed key with), Errata's `sk_live_…`/`sk_test_…`,
 * Google's `AIza…`, AWS access key ids (`AKIA…`, `ASIA…`), Groq's `gsk_…`, Fireworks' `fw_…`,
 * Together's `tgp_v1_…`, Hugging Face's `hf_…` and xAI's `xai-…`. Keys with no prefix (Mistral's,
 * Cohere's) have no shape to find; pass those to `createRedactor` by value.
 *
 * @example
 * const redact = createRedactor([], { keyPattern: providerKeyPattern });
 * redact('Incorrect API key provided: sk-proj-abc1****wxyz.'); // 'Incorrect API key provided: [redacted].'
 */
export const providerKeyPattern = new RegExp(
  `\\b(?:${[
    'sk-[\\w*-]{8,}',
    'sk_(?:live|test)_\\w+',
    'AIza[\\w-]{30,}',
    'A[KS]IA[0-9A-Z]{16}',
    'gsk_\\w{16,}',
    'fw_\\w{16,}',
    'tgp_v1_[\\w-]{16,}',
    'hf_\\w{16,}',
    'xai-[\\w-]{16,}',
  ].join('|')})`,
);
