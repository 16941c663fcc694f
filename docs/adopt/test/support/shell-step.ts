// Runs one CI step the way a runner does: `bash --noprofile --norc -eo pipefail -c <script>` (GitHub's
// `shell: bash`), in its own process group, output to a log file rather than a pipe, so a server the
// step leaves running in the background (`npm start &`) outlives it without holding the step open,
// as on a runner. `stopAll()` ends those groups: only processes these steps started, by their id.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface StepResult {
  /** The exit code, or the signal that ended the step (e.g. its timeout's SIGTERM). */
  code: number | string;
  output: string;
}

export interface StepRunner {
  run(script: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<StepResult>;
  stopAll(): void;
}

/**
 * A runner whose steps log to files in `logs`.
 *
 * @example
 * const steps = createStepRunner('/tmp/logs');
 * const { code, output } = await steps.run('npm ci', { cwd, env, timeoutMs: 300_000 });
 * steps.stopAll();
 */
export function createStepRunner(logs: string): StepRunner {
  const groups: number[] = [];
  return {
    run(script, { cwd, env, timeoutMs }) {
      const log = join(logs, `step-${groups.length + 1}.log`);
      const fd = openSync(log, 'w');
      return new Promise((resolve, reject) => {
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
          cwd,
          env,
          detached: true,
          stdio: ['ignore', fd, fd],
          timeout: timeoutMs,
        });
        if (child.pid) groups.push(child.pid);
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          closeSync(fd);
          resolve({ code: code ?? signal ?? 'unknown', output: readFileSync(log, 'utf8') });
        });
      });
    },
    stopAll() {
      for (const group of groups.splice(0)) {
        try {
          process.kill(-group, 'SIGTERM');
        } catch {
          // The group has no process left: nothing to stop.
        }
      }
    },
  };
}
