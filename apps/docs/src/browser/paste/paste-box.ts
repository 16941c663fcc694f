/**
 * The paste box (bundled by esbuild into `assets/paste.js`). On the catalog page it explains the
 * paste there, with the texts of the code's section, and keeps it in the address's fragment
 * (`#paste=…&status=…&provider=…`): browsers never send a fragment to a server, so the link opens
 * the same answer and the pasted text never leaves the browser. On the landing page (`data-errors`
 * names the catalog) it opens the catalog with that fragment.
 */
import type { PasteFields } from './paste-answer.js';

export type { PasteFields } from './paste-answer.js';

// The answering half (the normalizer and the catalog), a module of its own beside this one, loaded
// on the first answer: a page with the box loads the form, not the normalizer.
type Answering = typeof import('./paste-answer.js');
let answering: Promise<Answering> | undefined;
const answerer = () => {
  answering ??= import(new URL('./paste-answer.js', import.meta.url).href) as Promise<Answering>;
  return answering;
};

/**
 * The paste a fragment carries, or undefined when it carries none.
 *
 * @example
 * pasteFromHash('#paste=3036&status=429'); // { text: '3036', status: 429, provider: '' }
 */
export function pasteFromHash(hash: string): PasteFields | undefined {
  if (!hash.startsWith('#paste=')) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  const status = Number(params.get('status'));
  return {
    text: params.get('paste') ?? '',
    status: Number.isInteger(status) && status > 0 ? status : undefined,
    provider: params.get('provider') ?? '',
  };
}

/**
 * The fragment for a paste.
 *
 * @example
 * hashFor({ text: '3036', status: 429, provider: '' }); // '#paste=3036&status=429'
 */
export function hashFor({ text, status, provider }: PasteFields): string {
  const params = new URLSearchParams({ paste: text });
  if (status !== undefined) params.set('status', String(status));
  if (provider) params.set('provider', provider);
  return `#${params}`;
}

function init(doc: Document): void {
  const form = doc.getElementById('paste-form');
  const answerBox = doc.getElementById('paste-answer');
  if (!(form instanceof HTMLFormElement) || !answerBox) return;
  const out = answerBox;
  const body = form.elements.namedItem('paste');
  const status = form.elements.namedItem('status');
  const provider = form.elements.namedItem('provider');
  if (
    !(body instanceof HTMLTextAreaElement) ||
    !(status instanceof HTMLInputElement) ||
    !(provider instanceof HTMLSelectElement)
  )
    return;
  const elsewhere = form.dataset.errors ?? '';
  // The message templates, read from the sections on the first paste (not at load).
  let templates: Record<string, string> | undefined;
  const templatesOf = () => {
    if (!templates) {
      templates = {};
      for (const el of doc.querySelectorAll('section.code .tpl'))
        templates[el.closest('section')?.id ?? ''] = el.textContent ?? '';
    }
    return templates;
  };
  const texts = (code: string) => {
    const section = doc.getElementById(code);
    return {
      means: section?.querySelector('.means')?.innerHTML ?? '',
      todo: section?.querySelector('.todo')?.innerHTML ?? '',
    };
  };

  async function show(paste: PasteFields): Promise<void> {
    const { answerPaste } = await answerer();
    const { html, caseYaml: yaml = '' } = answerPaste(paste, templatesOf(), texts);
    const share =
      `<p><a href="${hashFor(paste).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">Link to this answer</a>` +
      ' (the link holds what you pasted)</p>';
    out.innerHTML = html + share;
    out.hidden = false;
    doc.getElementById('copy-case')?.addEventListener('click', () => {
      const said = doc.getElementById('copy-status');
      const tell = (what: string) => {
        if (said) said.textContent = what;
      };
      navigator.clipboard.writeText(yaml).then(
        () => tell('Copied.'),
        () => tell('Could not copy: select the case and copy it.'),
      );
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wire = Number(status.value.trim());
    const paste = {
      text: body.value,
      status: status.value.trim() && Number.isInteger(wire) ? wire : undefined,
      provider: provider.value,
    };
    if (elsewhere) {
      location.href = elsewhere + hashFor(paste);
      return;
    }
    history.replaceState(null, '', hashFor(paste));
    void show(paste);
  });
  body.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  const fromLink = () => {
    const paste = pasteFromHash(location.hash);
    if (!paste || elsewhere) return;
    body.value = paste.text;
    status.value = paste.status === undefined ? '' : String(paste.status);
    provider.value = paste.provider;
    void show(paste);
  };
  addEventListener('hashchange', fromLink);
  fromLink();
}

if (typeof document !== 'undefined') init(document);
