// Every snippet the site shows, compiled with tsc (strict, as the repository's own code) against the
// real @errata/client and @errata/types; and the upload sample run against a node:http server, to
// show that it sends a multipart body a server can read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, loadSpec } from './docs-model.js';
import { snippetFiles } from './snippet-files.js';

const model = buildModel(loadSpec());
const appDir = fileURLToPath(new URL('../', import.meta.url));
// Inside apps/docs, so that `@errata/client` resolves as it would in a reader's project.
mkdirSync(join(appDir, 'test-results'), { recursive: true });
const workDir = mkdtempSync(join(appDir, 'test-results', 'snippets-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(join(appDir, '../../tsconfig.base.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, appDir);
  return { ...parsed.options, noEmit: true, declaration: false, sourceMap: false, types: ['node'] };
}

/** Writes the files and type-checks them in one program; returns each file's errors and the program. */
function compile(files: { name: string; source: string }[], dir: string) {
  const paths = files.map((file) => {
    const path = join(dir, `${file.name}.mts`);
    writeFileSync(path, file.source);
    return path;
  });
  const program = ts.createProgram(paths, compilerOptions());
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '(global)';
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    const at = where ? `${where.line + 1}:${where.character + 1} ` : '';
    const text = `${at}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    errors.set(file, [...(errors.get(file) ?? []), text]);
  }
  return { paths, errors, program };
}

const files = snippetFiles(model);
const { paths, errors } = compile(files, workDir);

describe('the snippets type-check against @errata/client', () => {
  it('covers every operation, every code and every mid-stream code', () => {
    const count = (kind: string) => files.filter((file) => file.kind === kind).length;

    expect(count('operation')).toBe(model.operations.length);
    expect(count('code')).toBe(model.entries.length);
    expect(count('stream')).toBe(model.stream.codes.length);
    expect(count('stream')).toBeGreaterThan(0);
  });

  it.each(files.filter((file) => file.kind !== 'stream').map((file, i) => ({ name: file.name, path: paths[i] ?? '' })))(
    '$name compiles',
    ({ path }) => {
      expect(errors.get(path) ?? []).toEqual([]);
    },
  );

  it.each([
    {
      name: 'a code the operation cannot return',
      given:
        "const { error } = await client.GET('/v1/models');\nif (error?.code === 'PROMPT_TOO_LONG') console.log(error);",
      want: /PROMPT_TOO_LONG/,
    },
    { name: 'a path the API does not have', given: "await client.GET('/v1/nope');", want: /nope|Expected 2 arguments/ },
    {
      name: 'a field the error does not have',
      given: "const { error } = await client.GET('/v1/models');\nif (error) console.log(error.retryAfter);",
      want: /retryAfter/,
    },
  ])('would fail on $name (the check is not vacuous)', ({ name, given, want }) => {
    const dir = mkdtempSync(join(workDir, 'broken-'));
    const setup = files[0]?.source ?? '';
    const broken = compile([{ name: name.replace(/\W+/g, '-'), source: `${setup}\n${given}\n` }], dir);

    expect([...broken.errors.values()].flat().join('\n')).toMatch(want);
  });

  const streams = files.flatMap((file, i) =>
    file.kind === 'stream' ? [{ name: file.name, path: paths[i] ?? '' }] : [],
  );
  it.each(streams)('$name compiles', ({ path }) => {
    expect(errors.get(path) ?? []).toEqual([]);
  });
});

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string;
  form: FormData;
}

describe('the upload sample', () => {
  it('sends a multipart body with the file and its purpose', async () => {
    const upload = model.operations.find((op) => op.operationId === 'uploadFile');
    if (!upload) throw new Error('The spec has no uploadFile operation');
    const received: Received[] = [];
    const example = {
      id: 'file_3b2c1a9d8e7f6a5b',
      filename: 'train.jsonl',
      bytes: 38,
      format: 'jsonl',
      purpose: 'finetune',
      created_at: 1_700_000_000,
    };
    const server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const contentType = req.headers['content-type'] ?? '';
      const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } }).formData();
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType,
        form,
      });
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req_upload' });
      res.end(JSON.stringify(example));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(workDir, 'run-'));
    const file = snippetFiles(model, baseUrl).find((f) => f.name === `operation-${upload.operationId}`);
    if (!file) throw new Error('No upload sample');
    const path = join(dir, 'upload.mjs');
    writeFileSync(
      path,
      ts.transpileModule(file.source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText,
    );
    const previousKey = process.env.ERRATA_API_KEY;
    process.env.ERRATA_API_KEY = 'sk_test_upload';
    try {
      await import(pathToFileURL(path).href);
    } finally {
      process.env.ERRATA_API_KEY = previousKey;
      await new Promise((done) => server.close(done));
    }

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: upload.path, authorization: 'Bearer sk_test_upload' });
    expect(request?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const sent = request?.form.get('file');
    expect(sent).toBeInstanceOf(Blob);
    expect((sent as File).name).toBe('train.jsonl');
    expect(JSON.parse(await (sent as File).text())).toEqual({ prompt: 'Hi', completion: 'Hello' });
    expect(request?.form.get('purpose')).toBe('finetune');
  });
});
