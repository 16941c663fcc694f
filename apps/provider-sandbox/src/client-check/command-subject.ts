/**
 * A client under test given as a command: an app's own test, a script, any language. Each fault
 * runs it once with the scenario's base URL in its environment; exit status 0 is a success, any
 * other a failure the app saw. What it prints on stdout is the text it got (what it would show its
 * user), also when it then fails: after a mid-stream fault, that is the partial output it kept,
 * judged as for any client. Its logs belong on stderr.
 */
import { spawn } from 'node:child_process';
import type { ClientSubject } from './subject.js';

/** The environment variable each provider's SDK reads its base URL from, where it has one. */
const BASE_URL_ENV: Record<string, readonly string[]> = {
  openai: ['OPENAI_BASE_URL'],
  anthropic: ['ANTHROPIC_BASE_URL'],
  gemini: ['GOOGLE_GEMINI_BASE_URL'],
  // The AWS SDKs' service-specific endpoint (AWS_ENDPOINT_URL_<serviceId>, serviceId "Bedrock Runtime").
  bedrock: ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME'],
};

/** What else an SDK needs to call the sandbox: the AWS SDK a region and (fake) credentials. */
const SDK_ENV: Record<string, Record<string, string>> = {
  bedrock: {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDERRATACLIENTCHECK',
    AWS_SECRET_ACCESS_KEY: 'errata-client-check-secret',
  },
};

/** A failure the command reported by its exit status. */
class CommandFailedError extends Error {
  override name = 'CommandFailedError';
}

/**
 * Wraps a shell command as a client under test.
 *
 * @example
 * commandSubject('node my-app-smoke.js', 'openai');
 */
export function commandSubject(command: string, provider: string): ClientSubject {
  return {
    name: `command: ${command}`,
    provider,
    streams: true,
    // A Bedrock app calls through the AWS SDK, which speaks HTTP/2 only.
    http2: provider === 'bedrock',
    call: ({ baseUrl, apiKey, stream, timeoutMs, onText }) =>
      new Promise<string>((resolve, reject) => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          ERRATA_PROVIDER: provider,
          ERRATA_BASE_URL: baseUrl,
          ERRATA_API_KEY: apiKey,
          ERRATA_STREAM: stream ? '1' : '0',
          ERRATA_TIMEOUT_MS: String(timeoutMs),
          ...SDK_ENV[provider],
        };
        for (const name of BASE_URL_ENV[provider] ?? []) env[name] = baseUrl;
        const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
        });
        child.on('error', reject);
        child.on('close', (status) => {
          // The text the app kept, as printed: its one final line break is the print's, not the text's.
          const text = output.replace(/\r?\n$/, '');
          if (text) onText(text);
          if (status === 0) resolve(text.trim());
          else reject(new CommandFailedError(`exited with ${status}`));
        });
      }),
  };
}
