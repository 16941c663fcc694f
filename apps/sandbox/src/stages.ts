/**
 * The sandbox's own stages, between the kit's (app.ts): stream faults, the concurrency limit, the
 * model, the checks only an inference API makes, and the handler. Each stage reads what earlier
 * ones put in `c.var` and adds its own; a failure is a thrown CatalogError, answered by the one
 * error handler.
 */
import { CatalogError } from '@errata/server';
import { isObject, type SpecOperation } from '@errata/spec-model';
import type { MiddlewareHandler } from 'hono';
import type { Handler } from './handlers/handler.js';
import { wantsStream } from './handlers/stream-run.js';
import type { SandboxEnv } from './internal/env.js';
import type { SandboxState } from './internal/state.js';
import { streamFaultFrom } from './internal/stream-faults.js';
import { minimumSdkVersion } from './seed.js';

type Stage = MiddlewareHandler<SandboxEnv>;

/**
 * Stream faults (`Errata-Simulate` with `-After`, `-Drop-After`…): recorded for the stream to apply
 * later (the kit's simulate stage skips the request). Misuse answers INVALID_REQUEST at once.
 */
export function streamFaults(operation: SpecOperation): Stage {
  return async function streamFaultsStage(c, next) {
    c.set(
      'streamFault',
      streamFaultFrom(operation, (name) => c.req.header(name)),
    );
    await next();
  };
}

/**
 * Takes one of the key's in-flight slots for the rest of the pipeline → `c.var.slot` (a stream
 * holds it until its last event).
 */
export function concurrency(state: SandboxState): Stage {
  return async function concurrencyStage(c, next) {
    const slot = state.concurrency.take(c.get('credential').id);
    c.set('slot', slot);
    try {
      await next();
    } finally {
      slot.settle();
    }
  };
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)/;
function olderThan(version: string, minimum: string): boolean {
  const a = SEMVER.exec(version);
  const b = SEMVER.exec(minimum)!;
  if (!a) return false;
  for (let i = 1; i <= 3; i++) if (Number(a[i]) !== Number(b[i])) return Number(a[i]) < Number(b[i]);
  return false;
}

/** For runs: the SDK version, then the model in the path and the caller's access to it → `c.var.model`. */
export function resolveModel(state: SandboxState): Stage {
  return async function resolveModelStage(c, next) {
    const version = c.req.header('errata-sdk-version');
    if (version !== undefined && olderThan(version, minimumSdkVersion))
      throw new CatalogError('DEPRECATED_SDK_VERSION', { params: { version } });
    const id = c.req.param('model')!;
    const model = state.models.get(id);
    if (!model) throw new CatalogError('MODEL_NOT_FOUND', { params: { model: id } });
    if (model.visibility === 'private') throw new CatalogError('MODEL_ACCESS_DENIED', { params: { model: id } });
    if (model.requires_agreement) throw new CatalogError('MODEL_AGREEMENT_REQUIRED', { params: { model: id } });
    c.set('model', model);
    await next();
  };
}

/**
 * Only text streams. Checked before the schema, which would only call `stream` an unknown field
 * of an image input: the model, not the field, is what cannot do this.
 */
export const refuseImageStream: Stage = async function refuseImageStreamStage(c, next) {
  const model = c.get('model');
  const body = c.get('body');
  if (model.task !== 'text-generation' && isObject(body) && wantsStream(c, body)) {
    throw new CatalogError('UNSUPPORTED_MODEL', {
      params: { model: model.id },
      details: {
        field: 'stream',
        issue: `${model.task} models cannot stream: drop "stream" and Accept: text/event-stream`,
      },
    });
  }
  await next();
};

/**
 * A multipart `file` part must be a file (a part with a filename); a plain field of that name is
 * not missing, it is wrong.
 */
export const requireFilePart: Stage = async function requireFilePartStage(c, next) {
  const file = (c.get('body') as Record<string, unknown>).file;
  if (typeof file === 'string') {
    const issue =
      'must be a file: its part needs a filename (Content-Disposition: form-data; name="file"; filename="…")';
    throw new CatalogError('INVALID_REQUEST', {
      params: { reason: `file ${issue}` },
      details: { field: 'file', issue },
    });
  }
  await next();
};

/** The operation's own work, with everything the stages learnt. */
export function dispatch(state: SandboxState, operation: SpecOperation, handler: Handler): Stage {
  return async function handlerStage(c) {
    return handler({ c, state, account: c.get('credential'), operation, slot: c.get('slot') });
  };
}
