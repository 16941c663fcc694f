import { catalog, errorCodes } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { clientSetup, handlingSnippet, operationCall, operationSample } from './client-snippets.js';
import { buildModel, loadSpec } from './docs-model.js';
import { STREAM_SNIPPET, streamSnippet } from './stream-snippet.js';

const model = buildModel(loadSpec());
const byId = (id: string) => {
  const op = model.operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
};

describe('client snippets', () => {
  it('creates the client against the spec’s first server', () => {
    expect(clientSetup(model.spec)).toContain(
      `const baseUrl = '${(model.spec.servers as { url: string }[])[0]!.url}';`,
    );
    expect(clientSetup(model.spec, 'http://127.0.0.1:1')).toContain("const baseUrl = 'http://127.0.0.1:1';");
    expect(clientSetup(model.spec)).toContain('createClient({ baseUrl, apiKey })');
  });

  it.each([
    { name: 'no parameters', given: 'listModels', want: ["await client.GET('/v1/models');"] },
    {
      name: 'a path parameter from its example',
      given: 'getModel',
      want: ["client.GET('/v1/models/{model}'", "path: { model: 'echo-1' }"],
    },
    {
      name: 'a JSON body from the first named example',
      given: 'runModel',
      want: ["client.POST('/v1/models/{model}/run'", "body: { prompt: 'Say hello to Errata.'"],
    },
    {
      name: 'a JSON body from the schema example',
      given: 'createFinetune',
      want: ["body: { model: 'echo-1', name: 'polite-echo'"],
    },
    {
      name: 'a multipart body with a serializer that sends the declared File',
      given: 'uploadFile',
      want: [
        'const file = new File(',
        "body: { file: file.name, purpose: 'finetune' }",
        'bodySerializer: (body) => {',
        'new FormData()',
        "form.append('file', file);",
        "form.append('purpose', String(body.purpose));",
      ],
    },
  ])('calls an operation with $name', ({ given, want }) => {
    const call = operationCall(model.spec, byId(given));
    for (const part of want) expect(call).toContain(part);
  });

  it.each(errorCodes.map((code) => ({ name: code, entry: model.entries.find((e) => e.code === code)! })))(
    'handles $name according to its retry policy',
    ({ entry }) => {
      const snippet = handlingSnippet(model.spec, model.operations, entry);
      expect(snippet).toContain(`'${entry.code}'`);
      if (catalog[entry.code].retry === 'after_retry_after')
        expect(snippet).toContain('(error.retry_after ?? 1) * 1000');
      else expect(snippet).not.toContain('retry_after');
      if (entry.operations.length > 0) expect(snippet).toContain(`if (error?.code === '${entry.code}')`);
      else expect(snippet).toContain('normalizeError(');
    },
  );

  it.each(model.stream.codes.map((c) => ({ name: c.code, midStream: c })))(
    'handles $name ending a stream, from the one streaming template',
    ({ midStream }) => {
      const snippet = streamSnippet(model.spec, model.stream, midStream);

      expect(snippet).toContain(`err.code === '${midStream.code}'`);
      expect(snippet).toContain("stream(client, 'echo-1', { prompt: 'Say hello to Errata.' })");
      expect(snippet).toContain(midStream.retrySafe ? 'Safe to retry' : 'Not safe to retry');
      // Everything but the placeholders is the template's text.
      const fixed = STREAM_SNIPPET.split(/\{(?:model|input|code|advice)\}/);
      for (const part of fixed) expect(snippet).toContain(part);
    },
  );

  it('counts the codes an operation declares in its sample', () => {
    const op = byId('runModel');
    const count = new Set(op.errors.flatMap((e) => e.codes)).size;
    expect(operationSample(model.spec, op)).toContain(`narrows to the ${count} codes`);
  });
});
