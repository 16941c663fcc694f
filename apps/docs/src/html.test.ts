import { describe, expect, it } from 'vitest';
import { literal } from './client-snippets.js';
import { esc, inlineMarkdown, text } from './html.js';
import { cell, markdownTable } from './markdown.js';

describe('escaping', () => {
  it.each([
    {
      name: 'esc: markup and double quotes',
      given: esc('<a href="x">&</a>'),
      want: '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;',
    },
    { name: 'text: quotes stay', given: text(`{"a": '<b>'}`), want: `{"a": '&lt;b&gt;'}` },
    {
      name: 'inlineMarkdown: code spans, escaped',
      given: inlineMarkdown('Send `Bearer <key>` & wait'),
      want: 'Send <code>Bearer &lt;key&gt;</code> &amp; wait',
    },
    { name: 'cell: pipes and newlines', given: cell('a | b\nc'), want: 'a \\| b c' },
    {
      name: 'markdownTable',
      given: markdownTable(['a', 'b'], [[1, 'x|y']]),
      want: '| a | b |\n|---|---|\n| 1 | x\\|y |',
    },
    {
      name: 'literal: object with identifier and quoted keys',
      given: literal({ a: "it's", 'b-c': [1, true] }),
      want: "{ a: 'it\\'s', 'b-c': [1, true] }",
    },
    { name: 'literal: empty object', given: literal({}), want: '{}' },
  ])('$name', ({ given, want }) => {
    expect(given).toBe(want);
  });
});
