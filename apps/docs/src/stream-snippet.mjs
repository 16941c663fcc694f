/**
 * The client snippet for an error that ends a stream, with `stream` from `@errata/client/stream`.
 * Its text lives here and only here (the type-check test compiles what it yields).
 */

import { createSpecModel } from '@errata/spec-model';
import { literal } from './client-snippets.mjs';

/**
 * The template. `{model}`, `{input}`, `{code}` and `{advice}` are filled in per code.
 */
export const STREAM_SNIPPET = `import { ErrataStreamError, stream } from '@errata/client/stream';

const events = await stream(client, {model}, {input});
try {
  for await (const event of events) {
    if (event.event === 'token') process.stdout.write(event.data.text);
  }
} catch (err) {
  if (err instanceof ErrataStreamError && err.code === {code}) {
    // err.retrySafe, err.partialText (the text delivered so far), err.requestId.
    // {advice}
  } else {
    throw err;
  }
}`;

/** What to do once the stream failed, by whether a retry is safe (`x-error.mid_stream.retry_safe`). */
const ADVICE = {
  safe: 'Safe to retry: stream again and replace the partial output, do not append to it.',
  unsafe: 'Not safe to retry: the same input fails the same way. Report err.requestId.',
};

/**
 * The snippet that handles `code` ending a stream of the first streamed operation, with its model
 * and prompt from the spec's examples.
 *
 * @example
 * streamSnippet(spec, model.stream, { code: 'OVERLOADED', retrySafe: true }); // "import { ErrataStreamError, stream } …"
 * @param {import('@errata/spec-model').OpenApiDocument} spec
 * @param {import('./model.js').StreamModel} stream
 * @param {{ code: string, retrySafe: boolean }} midStream
 * @returns {string}
 */
export function streamSnippet(spec, stream, { code, retrySafe }) {
  const [operation] = stream.operations;
  const specModel = createSpecModel(spec);
  const resolved = (/** @type {unknown} */ node) => /** @type {any} */ (specModel.resolve(node));
  const definition = operation ? resolved(specModel.lookup(operation.pointer)) : undefined;
  const modelParam = (definition?.parameters ?? [])
    .map(resolved)
    .find((/** @type {any} */ parameter) => parameter.in === 'path');
  const model = modelParam?.example ?? resolved(modelParam?.schema)?.examples?.[0] ?? 'echo-1';
  const media = resolved(definition?.requestBody)?.content?.['application/json'];
  const firstExample = /** @type {any} */ (Object.values(media?.examples ?? {})[0]);
  const prompt = resolved(firstExample)?.value?.prompt ?? 'Hi';
  const fill = /** @type {Record<string, string>} */ ({
    model: literal(model),
    // `stream` sends `stream: true` itself.
    input: literal({ prompt }),
    code: literal(code),
    advice: retrySafe ? ADVICE.safe : ADVICE.unsafe,
  });
  return STREAM_SNIPPET.replace(/\{(model|input|code|advice)\}/g, (_, key) => fill[key] ?? '');
}
