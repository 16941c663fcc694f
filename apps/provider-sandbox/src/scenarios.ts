/**
 * Scenarios: a fault plan registered once and reached by a base URL (`/s/<id>/<provider>/…`), so
 * that an SDK that only takes a base URL can be failed on demand, and so that every attempt the
 * SDK makes is recorded for the client conformance run: when it came, with which Idempotency-Key,
 * and what it was answered. Kept in memory, capped: the oldest scenario goes first.
 */
import { randomUUID } from 'node:crypto';
import { checked, type FaultPlan, FaultPlanError } from './faults/fault-plan.js';

export interface Attempt {
  /** Milliseconds on the sandbox's clock. */
  at: number;
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  /** What the attempt was answered: the fault, a success, or a refusal of the sandbox's own. */
  answered: 'fault' | 'success' | 'refused';
  status: number;
}

export interface Scenario {
  id: string;
  plan: FaultPlan;
  attempts: Attempt[];
}

const MAX_SCENARIOS = 1_000;
const MAX_ATTEMPTS = 100;

export class Scenarios {
  readonly #byId = new Map<string, Scenario>();

  /**
   * Registers a plan; its id goes in the base URL.
   *
   * @example
   * const { id } = scenarios.create({ code: 'OVERLOADED', times: 1 });
   */
  create(plan: FaultPlan, id: string = randomUUID()): Scenario {
    if (this.#byId.size >= MAX_SCENARIOS) this.#byId.delete(this.#byId.keys().next().value!);
    const scenario: Scenario = { id, plan: checked(plan), attempts: [] };
    this.#byId.set(id, scenario);
    return scenario;
  }

  /**
   * The scenario of a client-chosen key (`Errata-Simulate-Key`), made on its first request.
   *
   * @example
   * scenarios.keyed('my-test-1', { code: 'OVERLOADED', times: 2 });
   */
  keyed(key: string, plan: FaultPlan): Scenario {
    if (!/^[\x21-\x7E]{1,120}$/.test(key))
      throw new FaultPlanError('errata-simulate-key must be 1 to 120 printable ASCII characters');
    return this.#byId.get(`key:${key}`) ?? this.create(plan, `key:${key}`);
  }

  get(id: string): Scenario | undefined {
    return this.#byId.get(id);
  }

  /** Records an attempt; the count before it says whether a `times`-limited fault still applies. */
  record(scenario: Scenario, attempt: Attempt): void {
    if (scenario.attempts.length < MAX_ATTEMPTS) scenario.attempts.push(attempt);
  }
}
