/**
 * The paste box's answering half (bundled into `assets/paste-answer.js`): the client's normalizer,
 * the catalog and the answer's HTML. `assets/paste.js` loads it on the first answer only, so a page
 * with the box loads the form, not the normalizer.
 */
import { answerHtml, caseOfferHtml, type SectionTexts } from './answer-html.js';
import { corpusCaseYaml } from './corpus-case.js';
import { explain, pastedProvider } from './explain.js';

/** A paste as the form and the fragment hold it. */
export interface PasteFields {
  text: string;
  status: number | undefined;
  provider: string;
}

/**
 * The answer's HTML for a paste, and the corpus case offered when nothing in it was recognised.
 *
 * @example
 * const { html, caseYaml } = answerPaste({ text: '3036', status: 429, provider: '' }, templates, texts);
 */
export function answerPaste(
  paste: PasteFields,
  templates: Record<string, string>,
  texts: (code: string) => SectionTexts,
): { html: string; caseYaml: string | undefined } {
  const answer = explain(
    { text: paste.text, status: paste.status, provider: pastedProvider(paste.provider) },
    templates,
  );
  // Nothing in the body recognised (at most its status): offer it to the corpus.
  const unknown = paste.text.trim() !== '' && (!answer || ('reading' in answer && answer.reading.how === 'status'));
  const caseYaml = unknown ? corpusCaseYaml(paste) : undefined;
  return {
    html: answerHtml(answer, '', texts) + (caseYaml ? caseOfferHtml(caseYaml, '../contribute/') : ''),
    caseYaml,
  };
}
