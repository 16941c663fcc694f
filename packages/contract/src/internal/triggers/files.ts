// Files (an upload without its file is a built-in trigger): an upload of a format the server
// refuses, or over its limit (`fileLimitBytes`); a finetune on a file that does not exist, or on
// files that are not training data.

import { send } from '../http.js';
import { exchange, json, needsTextModel, textModel, upload, uploadForm } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

/** An id no upload returns. */
const NO_SUCH_FILE = 'file_errataContract00';

const triggers: readonly Trigger[] = [
  {
    code: 'INVALID_FILE_FORMAT',
    operationId: 'uploadFile',
    cause: 'an upload of a Windows executable (probe.exe, starting MZ)',
    run: (c) => exchange(c, upload(c, uploadForm(c, 'probe.exe', 'MZ'))),
  },
  {
    code: 'FILE_TOO_LARGE',
    operationId: 'uploadFile',
    cause: 'an upload one byte over fileLimitBytes',
    run: (c) => exchange(c, upload(c, uploadForm(c, 'big.jsonl', new Uint8Array(c.fileLimitBytes + 1).fill(0x7b)))),
  },
  {
    code: 'FILE_NOT_FOUND',
    operationId: 'createFinetune',
    cause: 'a finetune on a file id no upload returned',
    unavailable: needsTextModel,
    run: (c) => {
      const body = { model: textModel(c)!.id, name: 'errata-contract', files: [NO_SUCH_FILE] };
      return exchange(c, json(c, 'createFinetune', {}, body));
    },
  },
  {
    code: 'FINETUNE_MISSING_FILES',
    operationId: 'createFinetune',
    cause: 'a finetune on one uploaded config.json, without the training data it needs',
    unavailable: needsTextModel,
    run: async (c) => {
      const uploaded = await send(c, upload(c, uploadForm(c, 'config.json', '{}')));
      const id = uploaded.status === 201 ? (JSON.parse(uploaded.text) as { id: string }).id : NO_SUCH_FILE;
      const body = { model: textModel(c)!.id, name: 'errata-contract', files: [id] };
      return exchange(c, json(c, 'createFinetune', {}, body));
    },
  },
];

export const files: TriggerFamily = { name: 'files', triggers: () => triggers };
