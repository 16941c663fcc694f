/**
 * The client snippet for an error that ends a stream, with `stream` from `@errata/client/stream`.
 * Its text lives here and only here (the type-check test compiles what it yields).
 */

import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { literal, resolved } from './client-snippets.js';
import type { StreamModel } from './stream-events.js';

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
 * streamSnippet(spec, model.stream, { code: 'OVERLOADED', retrySafe: true });
 * // "import { ErrataStreamError, stream } …"
 */
export function streamSnippet(
  spec: OpenApiDocument,
  stream: StreamModel,
  { code, retrySafe }: { code: string; retrySafe: boolean },
): string {
  const [operation] = stream.operations;
  const definition = operation ? resolved(spec, createSpecModel(spec).lookup(operation.pointer)) : {};
  const modelParam = (definition.parameters ?? [])
    .map((parameter) => resolved(spec, parameter))
    .find((parameter) => parameter.in === 'path');
  const modelExamples = resolved(spec, modelParam?.schema).examples;
  const model = modelParam?.example ?? (Array.isArray(modelExamples) ? modelExamples[0] : undefined) ?? 'echo-1';
  const media = resolved(spec, definition.requestBody).content?.['application/json'];
  const firstExample = Object.values(media?.examples ?? {})[0];
  const value = resolved(spec, firstExample).value;
  const prompt = typeof value === 'object' && value !== null && 'prompt' in value ? value.prompt : 'Hi';
  const fill: Record<string, string> = {
    model: literal(model),
    // `stream` sends `stream: true` itself.
    input: literal({ prompt }),
    code: literal(code),
    advice: retrySafe ? ADVICE.safe : ADVICE.unsafe,
  };
  return STREAM_SNIPPET.replace(/\{(model|input|code|advice)\}/g, (_, key) => fill[key] ?? '');
}
