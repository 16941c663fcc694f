// The probes of a spec-driven run, derived from the spec alone plus the config: for every
// operation in scope, a valid request (the spec's example, else a body built from the schema) that
// must answer a declared 2xx; then every code it declares — caused for real by each recorded
// trigger, each built-in trigger and each key the config names, else by Errata-Simulate when the
// server honours it, else not probed with the reason; and the spec's unrouted response.
import type { SpecModel, SpecOperation } from '@errata/spec-model';
import { isObject } from '@errata/spec-model';
import { fillPath, type RequestSpec } from '../internal/http.js';
import { builtinTriggers, propertiesOf } from './builtin-triggers.js';
import type { ContractConfig, RecordedTrigger } from './config.js';
import { type BodySource, formFieldsOf, formOf, requestBodyOf } from './sample-body.js';

export type SpecSection = 'success' | 'errors' | 'streams' | 'unrouted' | 'fuzz';

/** How a probe causes its response: real (`example`, `trigger`, `builtin`, `auth`, `unrouted`) or `simulate`. */
export type SpecProbeVia = 'example' | 'trigger' | 'builtin' | 'auth' | 'simulate' | 'unrouted';

export interface PlannedProbe {
  section: SpecSection;
  /** operationId, or `unrouted`. */
  operationId: string;
  /** The code it must produce (none: a success probe). */
  code?: string;
  via: SpecProbeVia;
  /** What the request does to cause the code: `a JSON body cut off mid-object`. */
  cause?: string;
  /** For a success probe: where its body came from. */
  bodyFrom?: BodySource;
  /** Requests sent first, their answers not checked (the first use of an Idempotency-Key). */
  before?: RequestSpec[];
  request?: RequestSpec;
  /** A streamed probe: how its `text/event-stream` must end (`done`, or an error event's code). */
  ending?: string;
  /** A simulated stream error: the most token events that may come before it (`Errata-Simulate-After`). */
  maxTokens?: number;
  /** Why it cannot run (no way to cause the code). */
  skip?: string;
}

/** Tokens a simulated stream error comes after. */
const SIMULATE_AFTER = 2;

/** A path no spec routes, for the unrouted probe. */
const UNROUTED_PATH = '/errata-contract/unrouted-probe';

/** The marker an operation carries to opt in to (`true`) or out of (`false`) the contract, a few at a time. */
const ADOPT_MARKER = 'x-errata-adopt';

/**
 * The operations the run covers: the config's `operations` when it lists some; else, when any
 * operation is marked `x-errata-adopt: true`, only those; never one marked `false`.
 *
 * @example
 * operationsInScope(model, { operations: ['createEmbedding'] }).map((op) => op.operationId); // ['createEmbedding']
 */
export function operationsInScope(model: SpecModel, config: ContractConfig): SpecOperation[] {
  const marker = (op: SpecOperation) => (model.lookup(op.pointer) as Record<string, unknown>)[ADOPT_MARKER];
  const candidates = model.operations.filter((op) => marker(op) !== false);
  if (config.operations) return candidates.filter((op) => config.operations!.includes(op.operationId));
  const optedIn = candidates.filter((op) => marker(op) === true);
  return optedIn.length ? optedIn : candidates;
}

function authHeaders(config: ContractConfig, key: string | null | undefined): Record<string, string | undefined> {
  const name = config.auth?.header ?? 'Authorization';
  if (key === null || key === undefined) return { [name]: undefined };
  const scheme = config.auth?.scheme ?? 'Bearer';
  return { [name]: scheme ? `${scheme} ${key}` : key };
}

interface Base {
  request: RequestSpec;
  body?: unknown;
  bodyFrom?: BodySource;
}

/** The operation's valid request: the config's key, path parameters, a JSON body. */
function baseRequest(model: SpecModel, operation: SpecOperation, config: ContractConfig): Base | { skip: string } {
  const missing = operation.parameters
    .filter((p) => p.in === 'path' && !config.pathParams?.[p.name])
    .map((p) => p.name);
  if (missing.length)
    return { skip: `no value for path parameter ${missing.join(', ')} (set pathParams in the config)` };
  const request: RequestSpec = {
    method: operation.method,
    path: fillPath(operation.path, config.pathParams ?? {}),
    headers: authHeaders(config, config.auth?.key),
  };
  const spec = operation.requestBody;
  if (!spec) return { request };
  // fetch sets a multipart Content-Type itself, with the boundary.
  if (spec.contentType === 'multipart/form-data')
    return { request: { ...request, body: formOf(formFieldsOf(model, operation)) }, bodyFrom: 'schema' };
  if (spec.contentType !== 'application/json')
    return { skip: `${operation.operationId} takes ${spec.contentType}; --spec probes send JSON and multipart bodies` };
  const { body, from } = requestBodyOf(model, operation);
  if (body === undefined)
    return { skip: `${operation.operationId}: no request example, and no body could be built from its schema` };
  request.headers!['Content-Type'] = 'application/json';
  request.body = JSON.stringify(body);
  return { request, body, bodyFrom: from };
}

function applyTrigger(base: RequestSpec, part: Omit<RecordedTrigger, 'code'>): RequestSpec {
  const headers = { ...base.headers };
  for (const [name, value] of Object.entries(part.headers ?? {})) {
    for (const existing of Object.keys(headers))
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value ?? undefined;
  }
  if (part.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['Content-Type'] = 'application/json';
  return {
    ...base,
    path: part.path ?? base.path,
    headers,
    ...(part.body !== undefined ? { body: JSON.stringify(part.body) } : {}),
  };
}

/** `code` on an operation by `Errata-Simulate`, from its valid request. */
function simulated(operationId: string, code: string, request: RequestSpec): PlannedProbe {
  return {
    section: 'errors',
    operationId,
    code,
    via: 'simulate',
    cause: `Errata-Simulate: ${code}`,
    request: { ...request, headers: { ...request.headers, 'Errata-Simulate': code } },
  };
}

/**
 * Every probe a spec and a config give, in a stable order (document order, declared codes in order).
 *
 * @example
 * planProbes(createSpecModel(doc), { auth: { key: 'sk' }, simulate: true }).length;
 * // at least operations × (1 + declared codes) + 1
 */
export function planProbes(model: SpecModel, config: ContractConfig): PlannedProbe[] {
  const probes: PlannedProbe[] = [];
  for (const operation of operationsInScope(model, config)) {
    const operationId = operation.operationId;
    const base = baseRequest(model, operation, config);
    const codes = [...model.declaredCodes(operation).keys()];
    if ('skip' in base) probes.push({ section: 'success', operationId, via: 'example', skip: base.skip });
    else
      probes.push({
        section: 'success',
        operationId,
        via: 'example',
        request: base.request,
        ...(base.bodyFrom
          ? { bodyFrom: base.bodyFrom, cause: `a valid request, its body from the ${base.bodyFrom}` }
          : {}),
      });
    // A recorded trigger carries its own request: it runs even when the operation has no valid base.
    const fallback: RequestSpec =
      'skip' in base
        ? {
            method: operation.method,
            path: fillPath(operation.path, config.pathParams ?? {}),
            headers: authHeaders(config, config.auth?.key),
          }
        : base.request;
    const builtins =
      'skip' in base || config.builtinTriggers === false
        ? []
        : builtinTriggers(model, operation, base.request, base.body, config);
    for (const code of codes) {
      const real: PlannedProbe[] = [];
      for (const trigger of config.triggers ?? []) {
        if (trigger.code !== code || (trigger.operation && trigger.operation !== operationId)) continue;
        real.push({
          section: 'errors',
          operationId,
          code,
          via: 'trigger',
          cause: 'the recorded trigger',
          request: applyTrigger(fallback, trigger),
          ...(trigger.before ? { before: trigger.before.map((b) => applyTrigger(fallback, b)) } : {}),
        });
      }
      for (const t of builtins.filter((b) => b.code === code))
        real.push({
          section: 'errors',
          operationId,
          code,
          via: 'builtin',
          cause: t.cause,
          request: t.request,
          ...(t.before ? { before: t.before } : {}),
        });
      const keys = config.auth?.keys ?? {};
      if (Object.hasOwn(keys, code))
        real.push({
          section: 'errors',
          operationId,
          code,
          via: 'auth',
          cause: keys[code] === null ? 'no key' : 'the key auth.keys names',
          request: { ...fallback, headers: { ...fallback.headers, ...authHeaders(config, keys[code]) } },
        });
      if (real.length) probes.push(...real);
      // A built-in trigger may not get to run (its first request refused): simulation backs it up.
      if (real.length && real.every((p) => p.via === 'builtin') && config.simulate && !('skip' in base))
        probes.push(simulated(operationId, code, base.request));
      else if (real.length) continue;
      else if ('skip' in base) probes.push({ section: 'errors', operationId, code, via: 'simulate', skip: base.skip });
      else if (config.simulate) probes.push(simulated(operationId, code, base.request));
      else
        probes.push({
          section: 'errors',
          operationId,
          code,
          via: 'simulate',
          skip: `no real trigger for ${code} (record one in triggers), and simulate is off`,
        });
    }
  }
  for (const operation of operationsInScope(model, config)) probes.push(...streamProbes(model, operation, config));
  const unrouted = model.unroutedResponse;
  if (unrouted)
    probes.push({
      section: 'unrouted',
      operationId: 'unrouted',
      code: unrouted.codes[0],
      via: 'unrouted',
      cause: 'a path no operation routes',
      request: { method: 'GET', path: UNROUTED_PATH, headers: authHeaders(config, config.auth?.key) },
    });
  return probes;
}

/**
 * The streamed probes of an operation that declares `text/event-stream`: a plain stream that must
 * end in `done`, then each code the spec allows mid-stream, by `Errata-Simulate` with
 * `Errata-Simulate-After: 2` (no request causes a mid-stream failure for real).
 */
function streamProbes(model: SpecModel, operation: SpecOperation, config: ContractConfig): PlannedProbe[] {
  const stream = model.streamEvents.get(operation.operationId);
  if (!stream) return [];
  const operationId = operation.operationId;
  const base = baseRequest(model, operation, config);
  if ('skip' in base) return [{ section: 'streams', operationId, via: 'example', ending: 'done', skip: base.skip }];
  const asks = operation.requestBody
    ? propertiesOf(model, model.lookup(operation.requestBody.schemaPointer)).properties.has('stream')
    : false;
  const request: RequestSpec = {
    ...base.request,
    headers: { ...base.request.headers, Accept: 'text/event-stream' },
    ...(asks && isObject(base.body) ? { body: JSON.stringify({ ...base.body, stream: true }) } : {}),
  };
  const cause = `Accept: text/event-stream${asks ? ', stream: true' : ''}`;
  return [
    { section: 'streams', operationId, via: 'example', ending: 'done', cause, request },
    ...stream.errorCodes.map(
      (code): PlannedProbe =>
        config.simulate
          ? {
              section: 'streams',
              operationId,
              code,
              ending: code,
              maxTokens: SIMULATE_AFTER,
              via: 'simulate',
              cause: `Errata-Simulate: ${code} after ${SIMULATE_AFTER} tokens`,
              request: {
                ...request,
                headers: {
                  ...request.headers,
                  'Errata-Simulate': code,
                  'Errata-Simulate-After': String(SIMULATE_AFTER),
                },
              },
            }
          : {
              section: 'streams',
              operationId,
              code,
              ending: code,
              via: 'simulate',
              skip: `no request causes ${code} mid-stream for real, and simulate is off`,
            },
    ),
  ];
}
