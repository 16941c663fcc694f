/**
 * A client under test given as a command: an app's own test, a script, any language. Each fault
 * runs it once with the scenario's base URL in its environment; exit status 0 is a success, any
 * other a failure the app saw. What the app printed is not judged, so partial output is not checked.
 */
import { spawn } from 'node:child_process';
import type { ClientSubject } from './subject.js';

/** The environment variable each provider's SDK reads its base URL from, where it has one. */
const BASE_URL_ENV: Record<string, readonly string[]> = {
  openai: ['OPENAI_BASE_URL'],
  anthropic: ['ANTHROPIC_BASE_URL'],
  gemini: ['GOOGLE_GEMINI_BASE_URL'],
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
    reportsText: false,
    call: ({ baseUrl, apiKey, stream, timeoutMs }) =>
      new Promise<string>((resolve, reject) => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          ERRATA_PROVIDER: provider,
          ERRATA_BASE_URL: baseUrl,
          ERRATA_API_KEY: apiKey,
          ERRATA_STREAM: stream ? '1' : '0',
          ERRATA_TIMEOUT_MS: String(timeoutMs),
        };
        for (const name of BASE_URL_ENV[provider] ?? []) env[name] = baseUrl;
        const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
        });
        child.on('error', reject);
        child.on('close', (status) =>
          status === 0 ? resolve(output.trim()) : reject(new CommandFailedError(`exited with ${status}`)),
        );
      }),
  };
}
