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
