/**
 * The "Contributing a case" page: corpus/README.md (what the corpus is and how to add a case to
 * it) and corpus/case.schema.yaml (the format), read from the repository at build time, so the
 * page says what the repository says. The paste box links here when it recognises nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { esc, inlineMarkdown, text } from '../html.js';
import { packageDir } from '../package-dir.js';
import { page } from './layout.js';

const corpusDir = join(packageDir, '../../corpus');

// The block markdown the README uses: headings, paragraphs, bulleted and numbered lists whose
// items continue on indented lines. Inline, only code spans (inlineMarkdown).
function blocks(markdown: string): string {
  const html: string[] = [];
  for (const block of markdown.trim().split(/\n\s*\n/)) {
    const heading = /^(#{1,3}) (.*)$/.exec(block);
    if (heading) {
      const level = heading[1]!.length;
      html.push(`<h${level}>${inlineMarkdown(heading[2]!)}</h${level}>`);
      continue;
    }
    const items = block.split(/\n(?=(?:- |\d+\. ))/);
    const ordered = /^\d+\. /.test(block);
    if (ordered || block.startsWith('- ')) {
      const lis = items.map(
        (item) => `<li>${inlineMarkdown(item.replace(/^(?:- |\d+\. )/, '').replace(/\s*\n\s*/g, ' '))}</li>`,
      );
      html.push(ordered ? `<ol>${lis.join('')}</ol>` : `<ul>${lis.join('')}</ul>`);
      continue;
    }
    html.push(`<p>${inlineMarkdown(block.replace(/\s*\n\s*/g, ' '))}</p>`);
  }
  return html.join('\n');
}

/**
 * The page, from the corpus's README and schema.
 *
 * @example
 * writeFileSync('dist/site/contribute/index.html', contributePage());
 */
export function contributePage(): string {
  const readme = readFileSync(join(corpusDir, 'README.md'), 'utf8');
  const schema = readFileSync(join(corpusDir, 'case.schema.yaml'), 'utf8');
  const main = `${blocks(readme)}
<h2 id="format">The format: corpus/case.schema.yaml</h2>
<pre class="scroll"><code>${text(schema)}</code></pre>
<p><a href="../errors/">The error catalog</a>, whose paste box turns an error it does not recognise into a case.</p>`;
  return page({
    title: `${esc('Contributing a case')} — Errata`,
    description: 'How to add an error a provider really sent to the Errata corpus.',
    root: '../',
    current: 'errors',
    main,
  });
}
