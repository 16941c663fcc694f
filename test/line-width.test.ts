// House rule: a line fits in 120 columns, the width Biome formats to. Biome breaks code but never
// a comment, a string or a template literal, so this reads every .ts, .js, .css and .json file of
// the repository and fails naming each line past the limit: rewrap the comment, split the string
// with `+` (its value unchanged), or move a trailing comment above its line.
import { describe, expect, it } from 'vitest';
import { fileLines, repoFiles } from './support/repo-files.js';

const WIDTH = 120;

/**
 * Not read: fixtures are verbatim copies of what providers and seeds sent, and generated code and
 * snapshots are written by tools (src/generated and dist are gitignored; spec/released is the
 * released spec, copied from spec/dist by `pnpm release:version`).
 */
const NOT_READ = /(^|\/)(test\/fixtures|src\/generated|dist)\/|^spec\/released\//;

const JSON_STRING = 'a JSON string cannot wrap';

/**
 * The reviewed exceptions: lines that cannot wrap, each with why. An entry is a file (or a pattern
 * of files) and a fragment of the line; an entry that matches no long line fails too, so the list
 * cannot go stale.
 */
const ALLOWED: { file: string | RegExp; line: string; why: string }[] = [
  { file: /(^|\/)package\.json$/, line: '"description": ', why: `${JSON_STRING}: the package's npm description` },
  { file: 'package.json', line: '"start": ', why: `${JSON_STRING}: a script is one shell command` },
  { file: 'apps/chat-api/package.json', line: '"generate": ', why: `${JSON_STRING}: a script is one shell command` },
];

/** Columns, as Biome counts them: characters, so that `’` or `×` is one column, not three bytes. */
const columns = (text: string) => [...text].length;

describe('line width', () => {
  const files = repoFiles(/\.(c|m)?[jt]s$|\.css$|\.jsonc?$/).filter((path) => !NOT_READ.test(path));
  const long: { file: string; line: number; text: string; width: number }[] = [];
  for (const file of files)
    fileLines(file).forEach((text, i) => {
      const width = columns(text);
      if (width > WIDTH) long.push({ file, line: i + 1, text, width });
    });
  const matches = (a: (typeof ALLOWED)[number], l: (typeof long)[number]) =>
    (typeof a.file === 'string' ? a.file === l.file : a.file.test(l.file)) && l.text.includes(a.line);

  it('reads the files it guards, and no fixture or generated file', () => {
    expect(files).toContain('biome.jsonc');
    expect(files).toContain('apps/docs/src/browser/site.css');
    expect(files).toContain('test/line-width.test.ts');
    expect(files).not.toContain('packages/types/test/fixtures/provider-errors.json');
    expect(files).not.toContain('spec/released/openapi.json');
  });

  it(`no line is wider than ${WIDTH} columns: rewrap the comment or split the string`, () => {
    const offences = long.filter((l) => !ALLOWED.some((a) => matches(a, l)));
    const report = offences.map((l) => `${l.file}:${l.line} (${l.width} columns)`);
    expect(report, report.join('\n')).toEqual([]);
  });

  it.each(ALLOWED.map((entry) => ({ entry, where: String(entry.file), why: entry.why })))(
    'the exception in $where is still there ($why)',
    ({ entry }) => {
      expect(long.some((l) => matches(entry, l))).toBe(true);
    },
  );
});
