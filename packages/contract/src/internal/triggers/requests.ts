// The request builders the trigger families share: JSON and multipart requests on an operation,
// a queued job, and the models a trigger runs on (chosen from what listModels shows).

import { PLACEHOLDER_REQUEST_ID } from '../base-request.js';
import { fillPath, type RequestSpec, send } from '../http.js';
import type { DiscoveredModel, SuiteContext } from '../suite-context.js';
import type { Exchange, Trigger } from './trigger.js';

export async function exchange(context: SuiteContext, request: RequestSpec): Promise<Exchange> {
  return { request, response: await send(context, request) };
}

/** A JSON request on an operation, with the suite's key; a string body is sent as it is. */
export function json(
  context: SuiteContext,
  operationId: string,
  params: Record<string, string>,
  body: unknown,
  headers: Record<string, string> = {},
): RequestSpec {
  const operation = context.operation(operationId);
  return {
    method: operation.method,
    path: fillPath(operation.path, params),
    headers: { ...context.auth(), 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** A request on an operation whose only path parameter is a request id. */
export function onJob(context: SuiteContext, operationId: string, id: string): RequestSpec {
  const operation = context.operation(operationId);
  return { method: operation.method, path: fillPath(operation.path, { request_id: id }), headers: context.auth() };
}

/** Runs `model` with its task's example input, `extra` fields over it. */
export function runWith(
  model: (c: SuiteContext) => DiscoveredModel | undefined,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Trigger['run'] {
  return (context) => {
    const m = model(context)!;
    const body = { ...context.exampleInput(m.task), ...extra };
    return exchange(context, json(context, 'runModel', { model: m.id }, body, headers));
  };
}

export const textModel = (c: SuiteContext): DiscoveredModel | undefined => c.plainModel('text-generation');

export const needsTextModel = (c: SuiteContext): string | undefined =>
  textModel(c) ? undefined : 'listModels shows no public text-generation model without an agreement';

/** The first discovered model that passes `test` and has an example input for its task. */
export const modelWhere =
  (test: (m: DiscoveredModel) => boolean) =>
  (c: SuiteContext): DiscoveredModel | undefined =>
    c.models.find((m) => test(m) && c.exampleInput(m.task));

/** A key no earlier request used. */
export function idempotencyKey(): string {
  return `errata-contract-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A job submitted on the plain text model; a refused submit still counts, under a placeholder id. */
export async function submit(
  c: SuiteContext,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Exchange & { id: string }> {
  const request = json(c, 'submitRequest', { model: textModel(c)!.id }, body, headers);
  const response = await send(c, request);
  const id =
    response.status === 202 ? (JSON.parse(response.text) as { request_id: string }).request_id : PLACEHOLDER_REQUEST_ID;
  c.jobIds.push(id);
  return { id, request, response };
}

/** An uploadFile request with the suite's key (and `headers`) and the given form. */
export function upload(c: SuiteContext, body: FormData, headers: Record<string, string> = {}): RequestSpec {
  const operation = c.operation('uploadFile');
  return { method: operation.method, path: operation.path, headers: { ...c.auth(), ...headers }, body };
}

/** uploadFile's form from its schema, holding one file of that name and content. */
export function uploadForm(c: SuiteContext, name: string, bytes: Uint8Array | string): FormData {
  return c.exampleForm(c.operation('uploadFile'), { name, bytes });
}
