#!/usr/bin/env node
/**
 * `errata-client-check`: runs the default fault plan (or one provider's) against clients — the
 * built-in SDK subjects, a module that exports subjects, or a command — through a provider sandbox
 * it starts on 127.0.0.1, and prints what each client did with each fault.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createProviderSandbox } from '../app.js';
import { commandSubject } from '../client-check/command-subject.js';
import { defaultPlan } from '../client-check/default-plan.js';
import { reportRows, textReport } from '../client-check/report.js';
import { runClientCheck } from '../client-check/run-check.js';
import type { ClientSubject } from '../client-check/subject.js';
import { builtInSubjects } from '../client-check/subjects/index.js';
import { serveH2c } from '../serve-h2c.js';

const USAGE = `Usage: errata-client-check [options]
  --provider <id>      run the faults of one provider (openai, anthropic, gemini, bedrock); repeatable
  --module <file>      a module whose default export is a client subject or a list of them
  --command <cmd>      run this command once per fault (needs one --provider); exit 0 = success
  --json <file>        also write the report as JSON
  --report-only        exit 0 even when a client handled a fault wrongly
  --timeout <ms>       the per-attempt timeout given to each client (default 2000)
Exit status: 0 all right (or --report-only), 1 a client handled a fault wrongly, 2 bad usage.`;

async function subjectsFrom(values: { module?: string; command?: string }, providers: string[]) {
  if (values.command !== undefined) {
    if (providers.length !== 1) throw new Error('--command needs exactly one --provider');
    return [commandSubject(values.command, providers[0]!)];
  }
  if (values.module !== undefined) {
    const loaded = (await import(pathToFileURL(resolve(values.module)).href)) as { default?: unknown };
    const subjects = [loaded.default].flat() as ClientSubject[];
    if (subjects.some((s) => typeof s?.call !== 'function' || typeof s.provider !== 'string'))
      throw new Error(`${values.module}: the default export must be a client subject ({ name, provider, call })`);
    return subjects;
  }
  return builtInSubjects;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string', multiple: true },
      module: { type: 'string' },
      command: { type: 'string' },
      json: { type: 'string' },
      'report-only': { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const providers = values.provider ?? ['openai', 'anthropic', 'gemini', 'bedrock'];
  const subjects = await subjectsFrom(values, providers);
  const sandbox = createProviderSandbox({ stallMs: 10_000 });
  const server = await new Promise<ReturnType<typeof serve>>((done) => {
    const created = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(created));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The AWS SDK speaks HTTP/2 only: the same sandbox on an h2c listener for it.
  const h2c = await serveH2c(sandbox.app, { port: 0 });
  const plan = defaultPlan(
    sandbox.corpus,
    providers.filter((p) => subjects.some((s) => s.provider === p)),
  );
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  const report = await runClientCheck({
    sandbox,
    url,
    h2Url: h2c.url,
    subjects,
    plan,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const rows = reportRows(report);
  console.log(textReport(rows));
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ rows }, null, 2)}\n`);
  return values['report-only'] || rows.every((r) => r.verdict !== 'wrong') ? 0 : 1;
}

// Exits explicitly: a client that sleeps through a day-long Retry-After keeps a timer alive.
main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`errata-client-check: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  },
);
