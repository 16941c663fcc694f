import type { ClientSubject } from '../subject.js';
import { aiSdk, aiSdkAnthropic } from './ai-sdk.js';
import { anthropicSdk } from './anthropic-sdk.js';
import { awsBedrock } from './aws-bedrock.js';
import { errataClients } from './errata-client.js';
import { googleGenai } from './google-genai.js';
import { openaiNode } from './openai-node.js';

/** The clients the repository's own run checks, and whose table the docs publish. */
export const builtInSubjects: readonly ClientSubject[] = [
  ...errataClients,
  openaiNode,
  aiSdk,
  anthropicSdk,
  aiSdkAnthropic,
  googleGenai,
  awsBedrock,
];
