import { anthropic } from './anthropic.js';
import { bedrock } from './bedrock.js';
import { gemini } from './gemini.js';
import { openai } from './openai.js';
import type { ProviderApi } from './provider-api.js';

/** The providers whose APIs the sandbox speaks, by id. */
export const providerApis: readonly ProviderApi[] = [openai, anthropic, gemini, bedrock];
