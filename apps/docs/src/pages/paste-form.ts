/**
 * The paste box's form (the landing page and the catalog): a person pastes what they got and sees
 * the canonical code's answer. The script that answers is `assets/paste.js` (src/browser/paste/),
 * built by esbuild with the normalizer `@errata/client` ships; the form works without a server.
 */
import type { DocsModel } from '../docs-model.js';
import { esc } from '../html.js';

/**
 * The form; `errorsHref` is the catalog page relative to the page the form is on.
 *
 * @example
 * pasteForm(model, 'errors/'); // '<section class="paste" …'
 */
export function pasteForm(model: DocsModel, errorsHref: string): string {
  const options = Object.entries(model.providers).map(
    ([id, p]) => `<option value="${esc(id)}">${esc(p.title)}</option>`,
  );
  const textarea =
    '<textarea id="paste" name="paste" rows="4" spellcheck="false" autocomplete="off" ' +
    `placeholder='{"errors":[{"code":3036,"message":"…"}]}  or  3036  or  Model not found'></textarea>`;
  const status =
    '<label for="paste-status">HTTP status <span class="muted">(optional)</span></label>' +
    '<input id="paste-status" name="status" inputmode="numeric" pattern="[1-5][0-9][0-9]" maxlength="3" size="4" ' +
    'autocomplete="off">';
  const from =
    '<label for="paste-provider">From</label><select id="paste-provider" name="provider">' +
    `<option value="">any provider</option><option value="errata">Errata</option>${options.join('')}</select>`;
  return `<section class="paste" aria-labelledby="paste-title">
<h2 id="paste-title">Got an error? Paste it</h2>
<form id="paste-form" data-errors="${esc(errorsHref)}">
<label for="paste">Response body, code, internal code or message</label>
${textarea}
<div class="paste-row">${status}
${from}
<button type="submit">Explain</button></div>
<p class="muted">Read in your browser by <code>@errata/client/normalize</code>; nothing you paste leaves this page.</p>
</form>
<div id="paste-answer" role="status" aria-live="polite" hidden></div>
</section>`;
}
