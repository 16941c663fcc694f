// House rule: no test sleeps to wait for state. A test waits on the event itself (a promise the
// server handler resolves, a socket's 'close', a client event) or moves a clock it owns (the
// sandbox's manual clock, vitest fake timers). This scans every test file and test helper of the
// workspace for the ways a test waits on time and fails naming the file and line.
import { describe, expect, it } from 'vitest';
import { fileLines, repoFiles } from './support/repo-files.js';

/** What counts as waiting on time, and what to do instead. */
const RULES = [
  { name: 'a timer (setTimeout)', pattern: /(?<![.\w])setTimeout\(/ },
  { name: 'a timer (setInterval)', pattern: /(?<![.\w])setInterval\(/ },
  { name: 'a timer (node:timers/promises)', pattern: /timers\/promises/ },
  { name: 'a sleep', pattern: /(?<![.\w])sleep\(/ },
  { name: 'a poll for state (expect.poll, vi.waitFor, vi.waitUntil)', pattern: /expect\.poll\(|vi\.wait(For|Until)\(/ },
  { name: 'an event-loop turn (setImmediate)', pattern: /(?<![.\w])setImmediate\b/ },
];

/**
 * The reviewed exceptions, each with why it does not wait for time. An entry is a file and a
 * fragment of the line; an entry that matches nothing fails too, so the list cannot go stale.
 */
const ALLOWED = [
  {
    file: 'apps/sandbox/src/test-support/manual-clock.ts',
    line: 'setTimeout(callback, ms) {',
    why: "the manual clock's own timer, which only the test fires: it is how sandbox tests avoid waiting",
  },
  {
    file: 'apps/provider-sandbox/src/test-support/manual-clock.ts',
    line: 'setTimeout(run, ms) {',
    why: "the provider sandbox's manual clock: its timers run only when the test advances it",
  },
  {
    file: 'packages/server/src/test-support/manual-timers.ts',
    line: 'setTimeout(callback, ms) {',
    why: "the server kit's manual timers, which only the test fires: how its body-timeout tests avoid waiting",
  },
  {
    file: 'apps/sandbox/src/internal/clock.test.ts',
    line: 'sleep(clock',
    why: "the sandbox's sleep under test, on the manual clock: it ends when the test moves the clock",
  },
  {
    file: 'packages/client/test/helpers/unhandled.ts',
    line: 'await new Promise(setImmediate);',
    why:
      'runs after every server closed its sockets: the one poll + check turn in which the client reads the FIN ' +
      '(reasoning beside it)',
  },
  {
    file: 'apps/sandbox/src/client-stream.test.ts',
    line: 'await new Promise(setImmediate);',
    why: 'the same unhandled-rejection check, after the sandbox closed every connection (reasoning beside it)',
  },
];

/** Test files and the helpers they share (test/, test-support/, helpers/, support/) in packages/ and apps/. */
function testFiles(): string[] {
  return repoFiles(/^(packages|apps)\/.*\.[cm]?[jt]s$/).filter(
    (path) => /\.test(-d)?\.[cm]?[jt]s$/.test(path) || /\/(test|test-support|helpers|support)\//.test(path),
  );
}

describe('no test sleeps', () => {
  const files = testFiles();
  const found: { file: string; line: number; text: string; rule: string }[] = [];
  for (const file of files) {
    fileLines(file).forEach((text, i) => {
      // Comments may name what they avoid.
      if (/^\s*(\/\/|\/\*|\*)/.test(text)) return;
      for (const rule of RULES)
        if (rule.pattern.test(text)) found.push({ file, line: i + 1, text: text.trim(), rule: rule.name });
    });
  }
  const allowed = (f: (typeof found)[number]) => ALLOWED.some((a) => a.file === f.file && f.text.includes(a.line));

  it('finds the test files it guards', () => {
    expect(files).toContain('apps/sandbox/src/queue.test.ts');
    expect(files).toContain('packages/client/test/helpers/unhandled.ts');
  });

  it('no test or test helper waits on time: wait on the event, or move a clock the test owns', () => {
    const offences = found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.text}`);
    expect(offences, offences.join('\n')).toEqual([]);
  });

  it.each(ALLOWED)('the exception in $file is still there ($why)', ({ file, line }) => {
    expect(found.some((f) => f.file === file && f.text.includes(line))).toBe(true);
  });
});
