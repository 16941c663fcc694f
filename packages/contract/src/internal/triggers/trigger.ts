// What a trigger is: a way to cause one code for real, without `Errata-Simulate`. Its `cause` says
// how, so each declaration reads as the claim it proves: "runModel answers PROMPT_TOO_LONG to a
// prompt over its maxLength".
import type { SpecModel } from '@errata/spec-model';
import type { ErrorCode } from '@errata/types';
import type { CapturedResponse } from '../../check-response.js';
import type { RequestSpec } from '../http.js';
import type { SuiteContext } from '../suite-context.js';

/** One request and what the server answered to it. */
export interface Exchange {
  request: RequestSpec;
  response: CapturedResponse;
}

export interface Trigger {
  /** The code the server must answer. */
  code: ErrorCode;
  /** The operation the code is caused on (`unrouted`: a path no operation routes). */
  operationId: string;
  /** How the code is caused: what is wrong with the request, or which server state it meets. */
  cause: string;
  /** Why this trigger cannot run against this server, if it cannot. */
  unavailable?: (context: SuiteContext) => string | undefined;
  run: (context: SuiteContext) => Promise<Exchange>;
}

/** What a family derives its triggers from: the spec, and the tasks of the server's models. */
export interface TriggerSource {
  model: SpecModel;
  /** Tasks of the models listModels shows, first seen first (every task the spec knows, in tests). */
  tasks: readonly string[];
}

/** Triggers that share a part of the API; `name` is its file in `triggers/`. */
export interface TriggerFamily {
  name: string;
  triggers: (source: TriggerSource) => readonly Trigger[];
}
