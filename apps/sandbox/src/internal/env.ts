// The Hono environment: what each stage stores on a request for the later ones. The kit's own
// variables (requestId, operation, rateLimit, body, credentialId) come from @errata/server/hono, the
// caller's account from its auth stage (`credential`).
import type { AuthVariables, ErrataVariables } from '@errata/server/hono';
import type { Account, ModelDefinition } from '../seed.js';
import type { ConcurrencySlot } from './limits.js';
import type { StreamFault } from './stream-faults.js';

export type SandboxEnv = {
  Variables: ErrataVariables &
    AuthVariables<Account> & {
      /** The request's place among its key's in-flight requests (concurrency); a stream holds it. */
      slot: ConcurrencySlot;
      /** The model named in the path (resolveModel), for the operations that have one. */
      model: ModelDefinition;
      /** A stream fault the request asked for (stream-faults.ts), applied once the stream runs. */
      streamFault: StreamFault | undefined;
    };
};
