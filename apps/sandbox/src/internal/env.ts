// The Hono environment: what middleware stores on a request for later stages.
import type { SpecOperation } from '@errata/spec-model';
import type { Account } from '../seed.js';
import type { StreamFault } from './stream-faults.js';

export interface RateState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export type SandboxEnv = {
  Variables: {
    requestId: string;
    operation: SpecOperation | undefined;
    account: Account | undefined;
    rate: RateState | undefined;
    /** A stream fault the request asked for (stream-faults.ts), applied once the stream runs. */
    streamFault: StreamFault | undefined;
  };
};
