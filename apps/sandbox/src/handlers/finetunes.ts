// createFinetune: validated against FinetuneCreate, then the base model, the files (each must be
// the caller's upload) and the files a finetune needs. Idempotency-Key is the kit's stage (app.ts).
import { CatalogError } from '@errata/server';
import { charge } from '../internal/accounts.js';
import { newRequestId } from '../internal/job-queue.js';
import { requiredFinetuneFiles } from '../seed.js';
import type { Handler } from './handler.js';

export const createFinetune: Handler = async (context) => {
  const { c, state, account } = context;
  // Read and validated against FinetuneCreate by the stages.
  const input = c.get('body');
  const { model, name, files } = input as { model: string; name: string; files: string[] };
  if (!state.models.has(model)) throw new CatalogError('MODEL_NOT_FOUND', { params: { model } });
  const names = files.map((id) => {
    const file = state.files.get(id);
    if (!file || file.accountId !== account.id) throw new CatalogError('FILE_NOT_FOUND', { params: { file: id } });
    return file.filename;
  });
  const missing = requiredFinetuneFiles.filter((required) => !names.includes(required));
  if (missing.length)
    throw new CatalogError('FINETUNE_MISSING_FILES', {
      params: { missing: missing.join(', ') },
      details: { field: 'files', issue: `missing ${missing.join(' and ')}` },
    });
  charge(account);
  const finetune = {
    id: newRequestId('ft_'),
    accountId: account.id,
    model,
    name,
    files,
    created_at: new Date().toISOString(),
  };
  state.finetunes.set(finetune.id, finetune);
  const { accountId: _owner, ...body } = finetune;
  return c.json(body, 201);
};
