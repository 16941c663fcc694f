/**
 * The sandbox's pipeline, one named stage per check, in the order a client would fix them:
 * simulate → authenticate → rateLimit → concurrency → resolveModel → (the kit's body and
 * validate) → handler. Each stage reads what earlier ones put in `c.var` and adds its own; a
 * failure is a thrown CatalogError, answered by the one error handler (app.ts).
 */
import { CatalogError } from '@errata/server';
import type { SpecOperation } from '@errata/spec-model';
import type { MiddlewareHandler } from 'hono';
import type { Handler } from './handlers/handler.js';
import { wantsStream } from './handlers/stream-run.js';
import { authenticate as authenticateKey } from './internal/auth.js';
import type { SandboxEnv } from './internal/env.js';
import { simulatedError } from './internal/simulate.js';
import type { SandboxState } from './internal/state.js';
import { streamFaultFrom } from './internal/stream-faults.js';
import { minimumSdkVersion } from './seed.js';

type Stage = MiddlewareHandler<SandboxEnv>;

/**
 * `Errata-Simulate`: answers the code asked for before anything else (no key needed), or records a
 * stream fault for later.
 */
export function simulate(state: SandboxState, operation: SpecOperation): Stage {
  return async function simulateStage(c, next) {
    // A fault for later in a stream: the request goes through every stage like any other.
    const fault = streamFaultFrom(operation, (name) => c.req.header(name));
    c.set('streamFault', fault);
    const requested = c.req.header('errata-simulate');
    if (requested !== undefined && !fault) {
      const outcome = simulatedError(operation, requested, {
        params: c.req.param() as Record<string, string>,
        method: c.req.method,
        path: c.req.path,
        retryAfter: c.req.header('errata-simulate-retry-after'),
        now: state.options.clock.now(),
      });
      if ('error' in outcome) {
        const { error } = outcome;
        // A simulated limit says how a (full) window stands, as a real one would.
        if (state.server.model.errors.get(error.code)?.meta.status === 429) {
          c.set('rateLimit', {
            limit: state.options.rateLimit,
            remaining: 0,
            reset: error.init.retryAfter ?? state.options.simulatedRetryAfter,
          });
        }
        throw error;
      }
      c.header('Errata-Simulate-Ignored', outcome.ignored);
    }
    await next();
  };
}

/** The key, the account's state, and what the key may do on this operation → `c.var.account`. */
export function authenticate(state: SandboxState, operation: SpecOperation): Stage {
  return async function authenticateStage(c, next) {
    c.set('account', authenticateKey(c.req.header('authorization'), operation, state.keys));
    await next();
  };
}

/** Counts the request in its key's window → `c.var.rateLimit` (sent as `RateLimit-*` on every answer). */
export function rateLimit(state: SandboxState): Stage {
  return async function rateLimitStage(c, next) {
    const { exceeded, ...window } = state.rate.take(c.get('account').id);
    c.set('rateLimit', window);
    c.header('RateLimit-Limit', String(window.limit));
    c.header('RateLimit-Remaining', String(window.remaining));
    c.header('RateLimit-Reset', String(window.reset));
    if (exceeded) throw new CatalogError('RATE_LIMIT_EXCEEDED', { retryAfter: window.reset });
    await next();
  };
}

/**
 * Takes one of the key's in-flight slots for the rest of the pipeline → `c.var.slot` (a stream
 * holds it until its last event).
 */
export function concurrency(state: SandboxState): Stage {
  return async function concurrencyStage(c, next) {
    await state.concurrency.run(c.get('account').id, async (slot) => {
      c.set('slot', slot);
      await next();
    });
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
    return handler({ c, state, account: c.get('account'), operation, slot: c.get('slot') });
  };
}
