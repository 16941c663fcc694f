import { expect } from 'vitest';
import { ErrataError } from '../../src/index.js';

/** The ErrataError a call throws; fails the test when it resolves or throws something else. */
export async function thrown(promise: Promise<unknown>): Promise<ErrataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ErrataError);
    return error as ErrataError;
  }
  throw new Error('expected the call to throw');
}

/** Whatever an SDK's call throws (its own error class, read by the adapters); fails the test when it resolves. */
export async function sdkThrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the SDK did not throw');
}
