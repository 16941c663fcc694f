// Uploads and finetunes over real HTTP: format and size checks, then a finetune used in a run.
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-support/http.js';

const sandbox = useSandbox({ rateLimit: 100_000, fileLimitBytes: 1_000 });

function safetensors(): Uint8Array {
  const header = Buffer.from('{"__metadata__":{}}');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header]);
}

const upload = (name: string, bytes: Uint8Array | string, purpose = 'finetune') => {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), name);
  form.append('purpose', purpose);
  return call(sandbox().url, 'POST', '/v1/files', { body: form });
};

describe('uploadFile', () => {
  it.each([
    { name: 'a JSON file', given: ['config.json', '{"rank":8}'], want: { status: 201, format: 'json' } },
    { name: 'JSON Lines', given: ['data.jsonl', '{"a":1}\n{"a":2}\n'], want: { status: 201, format: 'jsonl' } },
    {
      name: 'a PNG with the PNG signature',
      given: ['i.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
      want: { status: 201, format: 'png' },
    },
    {
      name: 'a PNG that is not one',
      given: ['i.png', 'not a png'],
      want: { status: 400, code: 'INVALID_FILE_FORMAT' },
    },
    { name: 'broken JSON', given: ['config.json', '{'], want: { status: 400, code: 'INVALID_FILE_FORMAT' } },
    { name: 'an executable', given: ['run.exe', 'MZ'], want: { status: 400, code: 'INVALID_FILE_FORMAT' } },
    {
      name: 'a file over the limit',
      given: ['big.jsonl', '{}\n'.repeat(400)],
      want: { status: 400, code: 'FILE_TOO_LARGE' },
    },
  ])('$name → $want.status', async ({ given, want }) => {
    const reply = await upload(given[0] as string, given[1] as string);
    expect(reply.status).toBe(want.status);
    if (want.code) expect(reply.body.code).toBe(want.code);
    else
      expect(reply.body).toMatchObject({
        format: want.format,
        filename: given[0],
        purpose: 'finetune',
        id: expect.stringMatching(/^file_/),
      });
  });

  it('a bad purpose is INVALID_REQUEST, the only field code uploadFile declares besides a missing one', async () => {
    const reply = await upload('config.json', '{}', 'training');
    expect([reply.status, reply.body.code, reply.body.details.field]).toEqual([400, 'INVALID_REQUEST', 'purpose']);
  });
});

describe('createFinetune', () => {
  it('creates a finetune from uploaded files, usable as finetune_id', async () => {
    const weights = await upload('model.safetensors', safetensors());
    const config = await upload('config.json', '{}');
    const created = await call(sandbox().url, 'POST', '/v1/finetunes', {
      body: { model: 'echo-1', name: 'polite', files: [weights.body.id, config.body.id] },
    });
    expect(created.status).toBe(201);
    const run = await call(sandbox().url, 'POST', '/v1/models/echo-1/run', {
      body: { prompt: 'hello', finetune_id: created.body.id },
    });
    expect(run.status).toBe(200);
  });

  it.each([
    { name: 'an unknown base model', given: { model: 'nope', files: ['file_x'] }, want: 'MODEL_NOT_FOUND' },
    { name: 'an unknown file', given: { model: 'echo-1', files: ['file_doesnotexist'] }, want: 'FILE_NOT_FOUND' },
  ])('answers $want for $name', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'POST', '/v1/finetunes', { body: { name: 'n', ...given } });
    expect(reply.body.code).toBe(want);
  });

  it('answers FINETUNE_MISSING_FILES without model.safetensors', async () => {
    const config = await upload('config.json', '{}');
    const reply = await call(sandbox().url, 'POST', '/v1/finetunes', {
      body: { model: 'echo-1', name: 'n', files: [config.body.id] },
    });
    expect([reply.body.code, reply.body.message]).toEqual([
      'FINETUNE_MISSING_FILES',
      'Finetune is missing required files: model.safetensors.',
    ]);
  });
});
