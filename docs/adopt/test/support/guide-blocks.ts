// The blocks of docs/adopt/README.md the adopter-path test executes. A block is marked by the HTML
// comment on the line before its fence (invisible when rendered): `<!-- adopter-test: run -->` runs
// a ```sh block as one bash script; `<!-- adopter-test: file <name> -->` writes the block to <name>.

export type GuideBlock =
  | { kind: 'run'; script: string; line: number }
  | { kind: 'file'; name: string; text: string; line: number };

const MARKED = /^<!-- adopter-test: (run|file ([^\s>]+)) -->\n```(\w*)\n([\s\S]*?)^```$/gm;

/** Every marker comment in the text, block or not: a marker without its block is a mistake. */
export function countMarkers(markdown: string): number {
  return markdown.match(/^<!-- adopter-test:/gm)?.length ?? 0;
}

/**
 * The marked blocks, in document order.
 *
 * @example
 * markedBlocks('<!-- adopter-test: run -->\n```sh\nnpm ci\n```\n'); // [{ kind: 'run', script: 'npm ci\n', line: 2 }]
 */
export function markedBlocks(markdown: string): GuideBlock[] {
  return [...markdown.matchAll(MARKED)].map((match) => {
    const [, , name, language, body] = match;
    const line = markdown.slice(0, match.index).split('\n').length + 1;
    if (!name) {
      if (language !== 'sh')
        throw new Error(`docs/adopt/README.md:${line}: a run block must be \`\`\`sh, not ${language}`);
      return { kind: 'run', script: body!, line };
    }
    return { kind: 'file', name, text: body!, line };
  });
}
