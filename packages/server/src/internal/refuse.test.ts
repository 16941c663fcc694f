// refuse(): the stage's rejection arrives one microtask late, once whoever called the stage awaits it.
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../catalog-error.js';
import { refuse } from './refuse.js';

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
