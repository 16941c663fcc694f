// What runModel and submitRequest check before running anything, after the stages (SDK version,
// model and access, body, image streams, schema): the content policy, LoRA, finetune, and finally
// the balance (after validation, so a broke key still learns what is wrong).
import { CatalogError } from '@errata/server';
import { charge } from '../internal/accounts.js';
import { promptViolation } from '../internal/content-policy.js';
import { loraFeature, type ModelDefinition } from '../seed.js';
import type { HandlerContext } from './handler.js';

export interface PreparedRun {
  model: ModelDefinition;
  input: Record<string, unknown>;
}

export async function prepareRun({ c, state, account }: HandlerContext): Promise<PreparedRun> {
  // The model, the body and its schema were checked by the stages (stages.ts, app.ts).
  const model = c.get('model');
  const id = model.id;
  const input = c.get('body');
  const fields = input as Record<string, unknown>;
  const refused = promptViolation(fields);
  if (refused) throw new CatalogError('PROMPT_VIOLATION', { details: refused });

  if (fields.lora !== undefined) {
    if (account.plan === 'free')
      throw new CatalogError('PLAN_FEATURE_UNAVAILABLE', { params: { feature: loraFeature } });
    if (!model.supports_lora) throw new CatalogError('LORA_NOT_SUPPORTED', { params: { model: id } });
  }
  if (typeof fields.finetune_id === 'string') {
    const finetune = state.finetunes.get(fields.finetune_id);
    if (!finetune || finetune.accountId !== account.id)
      throw new CatalogError('RESOURCE_NOT_FOUND', {
        details: { field: 'finetune_id', issue: `finetune ${fields.finetune_id} does not exist` },
      });
  }
  charge(account);
  return { model, input: fields };
}
