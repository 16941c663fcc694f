// Fails the file if any promise rejection went unhandled while its tests ran.
import { afterAll, expect } from 'vitest';

export function expectNoUnhandledRejections(): void {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  afterAll(async () => {
    // Give late rejections (a cancelled body, a background cancel) a turn to surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onRejection);
    expect(seen).toEqual([]);
  });
}
