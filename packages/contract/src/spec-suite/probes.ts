// The probes of a spec-driven run, derived from the spec alone plus the config: for every
// operation, its example request (must answer a declared 2xx), then every code it declares —
// caused by a recorded trigger, by a key the config names, or by Errata-Simulate when the server
// honours it, else skipped with the reason; and the spec's unrouted response.
import type { SpecModel, SpecOperation } from '@errata/spec-model';
import { fillPath, type RequestSpec } from '../internal/http.js';
import type { ContractConfig } from './config.js';

export type SpecSection = 'success' | 'errors' | 'unrouted';

export interface PlannedProbe {
  section: SpecSection;
  /** operationId, or `unrouted`. */
  operationId: string;
  /** The code it must produce (none: a success probe). */
  code?: string;
  via: 'example' | 'trigger' | 'auth' | 'simulate' | 'unrouted';
  request?: RequestSpec;
  /** Why it cannot run (no way to cause the code). */
  skip?: string;
}

/** A path no spec routes, for the unrouted probe. */
const UNROUTED_PATH = '/errata-contract/unrouted-probe';

function authHeaders(config: ContractConfig, key: string | null | undefined): Record<string, string | undefined> {
  const name = config.auth?.header ?? 'Authorization';
  if (key === null || key === undefined) return { [name]: undefined };
  const scheme = config.auth?.scheme ?? 'Bearer';
  return { [name]: scheme ? `${scheme} ${key}` : key };
}

/** The operation's example request: the config's key, path parameters, the first JSON example. */
function exampleRequest(operation: SpecOperation, config: ContractConfig): RequestSpec | { skip: string } {
  const body = operation.requestBody;
  if (body && body.contentType !== 'application/json')
    return { skip: `${operation.operationId} takes ${body.contentType}; --spec probes send JSON bodies only` };
  if (body?.required && !body.examples.length)
    return { skip: `${operation.operationId} has no request example in the spec to start from` };
  const missing = [...operation.path.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !config.pathParams?.[name]);
  if (missing.length)
    return { skip: `no value for path parameter ${missing.join(', ')} (set pathParams in the config)` };
  const request: RequestSpec = {
    method: operation.method,
    path: fillPath(operation.path, config.pathParams ?? {}),
    headers: authHeaders(config, config.auth?.key),
  };
  if (body) {
    request.headers!['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body.examples[0]);
  }
  return request;
}

function withTrigger(base: RequestSpec, trigger: NonNullable<ContractConfig['triggers']>[number]): RequestSpec {
  const headers = { ...base.headers };
  for (const [name, value] of Object.entries(trigger.headers ?? {})) {
    for (const existing of Object.keys(headers))
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value ?? undefined;
  }
  return {
    ...base,
    path: trigger.path ?? base.path,
    headers,
    ...(trigger.body !== undefined ? { body: JSON.stringify(trigger.body) } : {}),
  };
}

/**
 * Every probe a spec and a config give, in a stable order (document order, declared codes in order).
 *
 * @example
 * planProbes(createSpecModel(doc), { auth: { key: 'sk' }, simulate: true }).length;
 * // operations × (1 + declared codes) + 1
 */
export function planProbes(model: SpecModel, config: ContractConfig): PlannedProbe[] {
  const probes: PlannedProbe[] = [];
  for (const operation of model.operations) {
    const base = exampleRequest(operation, config);
    const operationId = operation.operationId;
    if ('skip' in base) {
      probes.push({ section: 'success', operationId, via: 'example', skip: base.skip });
      for (const code of model.declaredCodes(operation).keys())
        probes.push({ section: 'errors', operationId, code, via: 'simulate', skip: base.skip });
      continue;
    }
    probes.push({ section: 'success', operationId, via: 'example', request: base });
    for (const code of model.declaredCodes(operation).keys()) {
      const trigger = config.triggers?.find((t) => t.code === code && (!t.operation || t.operation === operationId));
      const keys = config.auth?.keys ?? {};
      if (trigger)
        probes.push({ section: 'errors', operationId, code, via: 'trigger', request: withTrigger(base, trigger) });
      else if (Object.hasOwn(keys, code))
        probes.push({
          section: 'errors',
          operationId,
          code,
          via: 'auth',
          request: { ...base, headers: { ...base.headers, ...authHeaders(config, keys[code]) } },
        });
      else if (config.simulate)
        probes.push({
          section: 'errors',
          operationId,
          code,
          via: 'simulate',
          request: { ...base, headers: { ...base.headers, 'Errata-Simulate': code } },
        });
      else
        probes.push({
          section: 'errors',
          operationId,
          code,
          via: 'simulate',
          skip: `no trigger for ${code} in the config, and simulate is off`,
        });
    }
  }
  const unrouted = model.unroutedResponse;
  if (unrouted)
    probes.push({
      section: 'unrouted',
      operationId: 'unrouted',
      code: unrouted.codes[0],
      via: 'unrouted',
      request: { method: 'GET', path: UNROUTED_PATH, headers: authHeaders(config, config.auth?.key) },
    });
  return probes;
}
