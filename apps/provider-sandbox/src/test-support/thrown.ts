/** What `call` threw, for a test to read the SDK's error; a call that does not throw fails the test. */
export async function thrown(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the SDK to throw');
}
