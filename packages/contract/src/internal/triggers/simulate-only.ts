// The codes no trigger causes, each with why: the suite proves them only through
// `Errata-Simulate`. Reviewed, not derived: a code lands here by a decision someone wrote down, and
// `coverage.test.ts` fails for a catalog code that has neither a trigger nor a line here.
import type { ErrorCode } from '@errata/types';

/**
 * The codes the suite proves only through `Errata-Simulate`: code → why it cannot cause them for
 * real, against any server. Every other catalog code has a real trigger.
 *
 * @example
 * import { simulateOnlyCodes } from '@errata/contract';
 * simulateOnlyCodes.RATE_LIMIT_EXCEEDED; // 'exhausting the key’s rate window would throttle every probe after it'
 */
export const simulateOnlyCodes: { readonly [code in ErrorCode]?: string } = {
  // Authentication and permission
  UNAUTHENTICATED: 'only a provider that does not say which credential is wrong sends it; Errata servers say which',
  REGION_NOT_SUPPORTED: 'depends on the country the request comes from, which the suite cannot choose',
  // Billing: account states no request sets up. A `keys` trigger (auth.ts withKey) could cause them where a
  // server seeds such an account; the sandbox seeds none, so none is written yet.
  DAILY_QUOTA_EXCEEDED: 'needs an account that used up its daily free allocation (no keys trigger yet)',
  PAYMENT_METHOD_REQUIRED: 'needs an account whose payment method is missing or refused (no keys trigger yet)',
  SPEND_LIMIT_EXCEEDED: 'needs an account past a spend limit its owner set (no keys trigger yet)',
  // Limits: reaching them would throttle the rest of the run, and their size is the server's, not the spec's
  RATE_LIMIT_EXCEEDED: 'exhausting the key’s rate window would throttle every probe after it',
  CONCURRENT_LIMIT_EXCEEDED:
    'needs more requests in flight than the server’s per-key limit, which the spec does not state',
  QUEUE_LIMIT_EXCEEDED:
    'needs the queue full, past a per-key limit the spec does not state, blocking the queue triggers',
  OUT_OF_CAPACITY: 'needs every data center that could run the model busy',
  REQUEST_EXCEEDS_RATE_LIMIT:
    'needs a request bigger than the key’s whole rate budget, whose size the spec does not state',
  // Requests the suite cannot send, or whose answer it cannot read
  INCOMPLETE_REQUEST:
    'a provider’s code (Workers AI 3003); Errata servers name the missing part (MISSING_REQUIRED_FIELD…)',
  REQUEST_ABORTED: 'is answered to a client that closed the connection, so no client reads it',
  MODEL_RETIRED: 'needs a model the server has retired; the sandbox retires none (no modelsFor trigger yet)',
  NO_SUCH_MODEL_OR_TASK:
    'Errata servers tell an unknown model (MODEL_NOT_FOUND) from a bad task; only a provider merges them',
  IMAGE_URL_UNREACHABLE: 'needs an image URL the server cannot fetch, and which URLs a server fetches is its own',
  // Server and upstream failures: a conforming server does not fail on request
  INTERNAL_ERROR: 'needs a bug in the server',
  BAD_GATEWAY: 'needs a gateway in front of the server that gets an invalid answer from it',
  SERVICE_UNAVAILABLE: 'needs the server down for maintenance',
  OVERLOADED: 'needs the server under more load than it accepts, which would fail the probes beside it',
  GATEWAY_TIMEOUT: 'needs a gateway in front of the server that gives up waiting for it',
  MODEL_UNAVAILABLE: 'needs a model that is down or failed to load (no modelsFor trigger yet: the sandbox has none)',
  UPSTREAM_FAILED: 'needs the upstream provider to fail after the queued request finished',
};
