// refuse(): the stage's rejection arrives one microtask late, once whoever called the stage awaits it;
// refusal(): one rejection, handled when built, that every request awaits.
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../catalog-error.js';
import { refusal, refuse } from './refuse.js';

const error = new CatalogError('MISSING_API_KEY');

describe('refuse', () => {
  it('is still pending when it returns (a promise already rejected is tracked by Node until awaited)', async () => {
    const refused = refuse(error);
    // An already settled promise would settle the race first: its reaction is queued before 'pending''s.
    const first = await Promise.race([refused, 'pending']).catch(() => 'rejected');
    expect(first).toBe('pending');
  });

  it('then rejects with the very error given', async () => {
    await expect(refuse(error)).rejects.toBe(error);
  });
});

describe('refusal', () => {
  it('rejects with the very error given, at every await (one promise shared by every request)', async () => {
    const refused = refusal(error);
    await expect(refused).rejects.toBe(error);
    await expect(refused).rejects.toBe(error);
  });

  it('is already rejected when it returns: nothing is left for the request to wait on', async () => {
    const first = await Promise.race([refusal(error), 'pending']).catch((reason: unknown) => reason);
    expect(first).toBe(error);
  });
});
