#!/usr/bin/env node
// `pnpm start` runs this: start the sandbox with defaults (overridable by flags and environment),
// print where it is and how to call it, and stop cleanly on SIGINT / SIGTERM.
import { ConfigError, optionsFrom, USAGE } from './config.js';
import { demoApiKey } from './seed.js';
import { startSandbox } from './server.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox(optionsFrom(argv, process.env));
  console.log(
    [
      `Errata sandbox listening on ${sandbox.url}`,
      `  API key   ${demoApiKey}   (the other seeded keys are in apps/sandbox/README.md)`,
      sandbox.docsUrl
        ? `  Docs      ${sandbox.docsUrl}   (error catalog: ${sandbox.url}/docs/errors)`
        : '  Docs      not built (apps/docs/dist/site is missing): run `pnpm build`, then restart',
      `  Providers ${sandbox.providersUrl}/openai/v1 · ${sandbox.providersUrl}/anthropic · ` +
        `${sandbox.providersUrl}/gemini   (SDK base URLs; apps/provider-sandbox/README.md)`,
      `  Bedrock   ${sandbox.bedrockUrl}   (the AWS SDK's endpoint: HTTP/2, any region and fake credentials)`,
      `  Try       curl -H 'Authorization: Bearer ${demoApiKey}' ${sandbox.url}/v1/models`,
      `            curl -H 'Authorization: Bearer ${demoApiKey}' ` +
        `-H 'Errata-Simulate: RATE_LIMIT_EXCEEDED' -i ${sandbox.url}/v1/models`,
      '  Stop      Ctrl-C',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`errata-sandbox: ${error.message}\n\n${USAGE}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    console.error(
      `errata-sandbox: port ${(error as { port?: number }).port ?? ''} is in use; pass --port <n> or PORT=<n> ` +
        '(and --h2-port <n> for the provider endpoints over HTTP/2)',
    );
  else console.error(`errata-sandbox: ${(error as Error).message}`);
  process.exit(1);
});
