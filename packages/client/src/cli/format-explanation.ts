/**
 * `errata explain`'s output: the explanation as lines for a person, or as JSON for a program.
 */
import type { Explanation } from './explain-error.js';

// How each retry policy reads in a sentence (the policy itself is the catalog's).
const RETRY: Record<Explanation['retry'], string> = {
  never: 'no: the same request fails the same way until something changes (see the remedy)',
  backoff: 'yes, with exponential backoff and jitter',
  after_retry_after: 'yes, after the wait the server asks for (Retry-After / retry_after)',
};

// Where a real error Errata does not know goes: the corpus, whose README says how (no public URL is fixed yet).
const CONTRIBUTE = 'corpus/README.md (“Contributing a case”) in the Errata repository';

function retryLine(x: Explanation): string {
  const wait = x.retryable && x.retryAfter !== undefined ? ` (retry_after: ${x.retryAfter}s)` : '';
  return `${RETRY[x.retry]}${wait}`;
}

function originLine(x: Explanation): string | undefined {
  const origin = x.envelope.origin;
  if (!origin) return undefined;
  const said = [origin.code, origin.type, origin.reason].filter((v) => v !== undefined && v !== '').join(' / ');
  const name = origin.name ? ` — the crosswalk's “${origin.name}”` : '';
  return `${origin.provider}${said ? ` ${said}` : ''}${name}`;
}

function statusLine(x: Explanation): string {
  if (x.status === undefined) return 'not given (pass --status for a surer answer)';
  const from = { given: 'given', body: 'stated in the body', none: '' };
  return `${x.status} (${from[x.statusFrom]})`;
}

/**
 * The explanation as lines of text.
 *
 * @example
 * process.stdout.write(formatText(explainError({ body, status: 429, provider: 'openai' })));
 */
export function formatText(x: Explanation): string {
  const rows: [string, string | undefined][] = [
    ['Code', `${x.code} — ${x.title} (HTTP ${x.envelope.status}, ${x.envelope.category})`],
    ['Means', x.meaning],
    ['Retry', retryLine(x)],
    ['Remedy', x.remedy],
    ['Docs', x.docUrl],
    ['Status', statusLine(x)],
    ['Origin', originLine(x)],
    ['Message', x.envelope.message],
  ];
  const lines = rows
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(9)}${value}`);
  if (!x.recognised)
    lines.push(
      '',
      'Not recognised: nothing in the body names this error, so the code is only what its status means.',
      `If a provider really sent it, add it to the corpus as a case: see ${CONTRIBUTE}.`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The explanation as JSON: the code, what it means, the retry policy and wait, the remedy, the
 * docs link, how it was recognised and the normalized envelope (with its `origin`).
 *
 * @example
 * JSON.parse(formatJson(explainError({ body: '{"code":"MODEL_NOT_FOUND"}', status: 404 }))).code; // 'MODEL_NOT_FOUND'
 */
export function formatJson(x: Explanation): string {
  const { envelope, ...rest } = x;
  return `${JSON.stringify({ ...rest, origin: envelope.origin, envelope }, null, 2)}\n`;
}
