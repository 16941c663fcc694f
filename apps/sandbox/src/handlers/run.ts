// runModel: run synchronously and answer with the output, or TIMEOUT when the model is slower
// than the request timeout, PROCESSING_ERROR when it fails, INVALID_OUTPUT when its output
// violates the task's output schema. With `stream: true` (or `Accept: text/event-stream`) a text
// model streams instead (stream-run.ts); everything checked before that is still an ordinary
// error response. Idempotency-Key is the kit's stage (app.ts): a repeated run answers the first
// run's response without running again; streamed runs are never stored or replayed.
import { CatalogError } from '@errata/server';
import { sleep } from '../internal/clock.js';
import { execute } from '../internal/models.js';
import type { Handler } from './handler.js';
import { outputViolations } from './output.js';
import { prepareRun } from './prepare-run.js';
import { streamRun, wantsStream } from './stream-run.js';

export const runModel: Handler = async (context) => {
  const { c, state } = context;
  const { model, input } = await prepareRun(context);
  const streamed = model.task === 'text-generation' && wantsStream(c, input);
  // A stream is not a response that can be stored and sent again: its key is ignored.
  if (streamed) return streamRun(context, model, input);
  if (c.get('streamFault')) {
    throw new CatalogError('INVALID_REQUEST', {
      params: {
        reason:
          'stream faults (Errata-Simulate-After, -Drop-After, -Malformed-After, -Truncate-After) need a streamed run ' +
          'of a text model: send "stream": true or Accept: text/event-stream',
      },
    });
  }
  state.runs++;
  if (model.behaviour === 'slow') {
    await sleep(state.options.clock, state.options.requestTimeoutMs);
    throw new CatalogError('TIMEOUT');
  }
  const outcome = execute(model, input);
  if (outcome.failure) throw new CatalogError('PROCESSING_ERROR', { params: { reason: outcome.failure } });
  const violations = outputViolations(state, model, outcome.output);
  if (violations) throw new CatalogError('INVALID_OUTPUT', { details: { validation_errors: violations } });
  return c.json({ model: model.id, output: outcome.output, ...(outcome.usage ? { usage: outcome.usage } : {}) });
};
