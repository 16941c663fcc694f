/**
 * The sandbox's seeded data: API keys (one per account state the auth errors describe) and
 * models (one per model behaviour the errors describe). Documented in the README; the
 * conformance test reads `keyFor` and `modelFor` to cause those codes for real.
 */
import type { components, ErrorCode } from '@errata/types';

export interface Account {
  id: string;
  state: 'active' | 'expired' | 'revoked';
  suspended: boolean;
  canWrite: boolean;
  monthlyQuotaExceeded: boolean;
  /** Credit in cents; at 0 a billed operation answers INSUFFICIENT_BALANCE. */
  balance: number;
  plan: 'pro' | 'free';
}

const account = (id: string, overrides: Partial<Account> = {}): Account => ({
  id,
  state: 'active',
  suspended: false,
  canWrite: true,
  monthlyQuotaExceeded: false,
  balance: 10_000,
  plan: 'pro',
  ...overrides,
});

/** Every seeded key and the account behind it. Any other key is invalid. */
export const seededAccounts: Record<string, Account> = {
  sk_test_valid: account('acct_valid'),
  sk_test_expired: account('acct_expired', { state: 'expired' }),
  sk_test_revoked: account('acct_revoked', { state: 'revoked' }),
  sk_test_suspended: account('acct_suspended', { suspended: true }),
  sk_test_readonly: account('acct_readonly', { canWrite: false }),
  sk_test_quota: account('acct_quota', { monthlyQuotaExceeded: true }),
  sk_test_broke: account('acct_broke', { balance: 0 }),
  sk_test_free: account('acct_free', { plan: 'free' }),
};

/** The key that works. */
export const demoApiKey = 'sk_test_valid';

/** The seeded key that produces each account error. */
export const keyFor = {
  EXPIRED_API_KEY: 'sk_test_expired',
  REVOKED_API_KEY: 'sk_test_revoked',
  ACCOUNT_SUSPENDED: 'sk_test_suspended',
  INSUFFICIENT_PERMISSIONS: 'sk_test_readonly',
  QUOTA_EXCEEDED: 'sk_test_quota',
  INSUFFICIENT_BALANCE: 'sk_test_broke',
  PLAN_FEATURE_UNAVAILABLE: 'sk_test_free',
} satisfies Partial<Record<ErrorCode, string>>;

/** Operations a free plan may not use, and the feature they need. */
export const paidFeatures: Record<string, string> = { uploadFile: 'finetuning', createFinetune: 'finetuning' };
/** The feature `lora` needs on a run. */
export const loraFeature = 'lora';

type Behaviour = 'echo' | 'image' | 'broken' | 'slow' | 'fail';

/** A seeded model: the spec's `Model`, and how the sandbox makes it behave. */
export type ModelDefinition = components['schemas']['Model'] & { behaviour: Behaviour };

const model = (m: ModelDefinition) => m;

/** The built-in models. All are deterministic: the same input gives the same output. */
export const seededModels: ModelDefinition[] = [
  model({
    id: 'echo-1',
    task: 'text-generation',
    description: 'Echoes the prompt back, cut at max_tokens words. Deterministic.',
    visibility: 'public',
    requires_agreement: false,
    supports_lora: true,
    behaviour: 'echo',
  }),
  model({
    id: 'pixel-1',
    task: 'image-generation',
    description: 'Draws one flat colour derived from the prompt, as PNG. No LoRA.',
    visibility: 'public',
    requires_agreement: false,
    supports_lora: false,
    behaviour: 'image',
  }),
  model({
    id: 'gated-1',
    task: 'text-generation',
    description: 'Like echo-1, but its terms must be accepted first (no seeded account has).',
    visibility: 'public',
    requires_agreement: true,
    supports_lora: false,
    behaviour: 'echo',
  }),
  model({
    id: 'private-1',
    task: 'text-generation',
    description: 'A private model no seeded account may use.',
    visibility: 'private',
    requires_agreement: false,
    supports_lora: false,
    behaviour: 'echo',
  }),
  model({
    id: 'broken-1',
    task: 'text-generation',
    description: 'Returns output that violates its schema: INVALID_OUTPUT.',
    visibility: 'public',
    requires_agreement: false,
    supports_lora: false,
    behaviour: 'broken',
  }),
  model({
    id: 'slow-1',
    task: 'text-generation',
    description:
      'Slower than the request timeout when run synchronously: TIMEOUT. Queued, it takes five job durations.',
    visibility: 'public',
    requires_agreement: false,
    supports_lora: false,
    behaviour: 'slow',
  }),
  model({
    id: 'fail-1',
    task: 'text-generation',
    description: 'Always fails: PROCESSING_ERROR when run, REQUEST_FAILED when queued.',
    visibility: 'public',
    requires_agreement: false,
    supports_lora: false,
    behaviour: 'fail',
  }),
];

/** The seeded model that produces each model error when run. */
export const modelFor = {
  TIMEOUT: 'slow-1',
  INVALID_OUTPUT: 'broken-1',
  PROCESSING_ERROR: 'fail-1',
} satisfies Partial<Record<ErrorCode, string>>;

/** A prompt containing this word (whole word, any case) answers PROMPT_VIOLATION: the sandbox's content policy. */
export const promptViolationMarker = 'forbidden';

/** SDK versions below this answer DEPRECATED_SDK_VERSION (the `Errata-Sdk-Version` parameter says so). */
export const minimumSdkVersion = '1.0.0';

/** Files a finetune must include (FinetuneCreate's `files` says so). */
export const requiredFinetuneFiles = ['model.safetensors', 'config.json'];
