/**
 * The paste box's answer as HTML: the canonical code's meaning, retry policy and what to do (the
 * texts of its section on the catalog page, passed in), which provider error it was recognised as,
 * and what `normalizeError` returns for it.
 */
import { catalog, providers } from '@errata/types';
import { esc, text } from '../../html.js';
import { retryWording } from '../../retry-policy.js';
import type { Answer, Reading, Refusal } from './explain.js';

/** A code's texts on the catalog page, as HTML. */
export interface SectionTexts {
  means: string;
  todo: string;
}

/**
 * Who said it, in words: "Cloudflare Workers AI 3036 (HTTP 429): “Daily quota…”".
 *
 * @example
 * recognisedAs({
 *   provider: 'workers-ai',
 *   how: 'crosswalk',
 *   key: { internal_code: 3003, status: 400 },
 *   entry: { internal_code: 3003, name: 'Incomplete request' },
 * });
 * // 'Cloudflare Workers AI (REST API) <code>3003</code> (HTTP 400) “Incomplete request”'
 * @returns HTML
 */
export function recognisedAs({
  provider,
  how,
  key,
  entry,
}: Pick<Reading, 'provider' | 'how' | 'key' | 'entry'>): string {
  if (how === 'status')
    return (
      'nothing in it that the catalog ' +
      'or a provider’s crosswalk names; ' +
      `by its HTTP status ${esc(key.status)} alone`
    );
  const who = provider === 'errata' ? 'Errata' : providers[provider].title;
  const id = [key.code !== key.message ? key.code : undefined, key.internal_code].filter(
    (v) => v !== undefined && v !== '',
  );
  const parts = [
    esc(who),
    ...(how === 'crosswalk'
      ? id.map((v) => `<code>${esc(v)}</code>`)
      : [`${esc(how)} <code>${esc(key.code ?? key.internal_code ?? key.message)}</code>`]),
  ];
  // The status as the provider documents it for this error (a status the box guessed is no fact).
  const status = entry?.status ?? (key.code === key.message ? undefined : key.status);
  if (how === 'crosswalk' && status !== undefined) parts.push(`(HTTP ${esc(status)})`);
  const name = entry?.name;
  if (name && name !== key.code) parts.push(`“${esc(name)}”`);
  const said = how === 'crosswalk' ? key.message : undefined;
  if (said && said !== name && said !== key.code) parts.push(`— its message: “${esc(said)}”`);
  return parts.join(' ');
}

/**
 * The answer for one paste; `errorsHref` is the catalog page's URL relative to the current page.
 *
 * @example
 * answerHtml(explain({ text: '3036' }), '', sectionTexts); // '<h3><a href="#DAILY_QUOTA_EXCEEDED">…'
 * @param texts the code's description and remedy, as HTML
 */
export function answerHtml(
  answer: Answer | Refusal | undefined,
  errorsHref: string,
  texts: (code: string) => SectionTexts,
): string {
  if (!answer) {
    return (
      '<p><strong>Not recognised.</strong> Nothing in this is an Errata code, internal code or message, ' +
      'or an error any seed provider’s crosswalk records. Add the HTTP status, or pick the provider it came from.</p>'
    );
  }
  if ('refusal' in answer) {
    return `<p><strong>Not an error.</strong> ${esc(answer.refusal)}</p>`;
  }
  const { code, reading, others, envelope } = answer;
  const facts = catalog[code];
  const { means, todo } = texts(code);
  const retry = retryWording[facts.retry];
  const link = `${errorsHref}#${code}`;
  const alsoMeans = others.map(
    (o) => `<li>${recognisedAs(o)} → <a href="${esc(`${errorsHref}#${o.code}`)}">${esc(o.code)}</a></li>`,
  );
  return (
    `<h3><a href="${esc(link)}">${esc(code)}</a> ${esc(facts.title)}</h3>
<p class="muted">Recognised as ${recognisedAs(reading)}.</p>
<dl class="facts"><dt>What it means</dt><dd>${means}</dd><dt>HTTP status</dt><dd>${facts.status}</dd>` +
    `<dt>Retry</dt><dd>${esc(retry.label)}: ${esc(retry.advice)}</dd><dt>What to do</dt><dd>${todo}</dd></dl>
${alsoMeans.length > 0 ? `<p>It could also be:</p><ul>${alsoMeans.join('')}</ul>` : ''}
${
  envelope
    ? '<details><summary><code>normalizeError</code> from <code>@errata/client/normalize</code> returns</summary>' +
      `<pre><code>${text(JSON.stringify(envelope, null, 2))}</code></pre></details>`
    : ''
}
<p><a href="${esc(link)}">The whole section on ${esc(code)}</a></p>`
  );
}

/**
 * The offer under an answer that recognised nothing in the body: the paste as a corpus case to
 * file (keys and ids already stripped), a button that copies it, and how to contribute it.
 *
 * @example
 * caseOfferHtml(corpusCaseYaml({ text, status: 500, provider: 'groq' }), '../contribute/');
 * @returns HTML
 */
export function caseOfferHtml(yaml: string, contributeHref: string): string {
  return (
    '<div class="case-offer"><p><strong>Did a provider really send this?</strong> Then Errata should know it: ' +
    'here it is as a corpus case, with API keys, account and request ids taken out. Fill in the ' +
    `<code>&lt;…&gt;</code> parts and file it (<a href="${esc(contributeHref)}">how to contribute a case</a>).</p>` +
    `<pre id="corpus-case"><code>${text(yaml)}</code></pre>` +
    '<p><button type="button" id="copy-case">Copy the case</button> ' +
    '<span id="copy-status" role="status"></span></p></div>'
  );
}
