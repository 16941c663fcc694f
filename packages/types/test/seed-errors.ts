// Loads test/fixtures/seed-errors.json: every error the seed provider docs document, one case per
// row, with the body as the seed prints it and what normalizeError must make of it. The one
// fixture of seed errors; @errata/client's tests read it too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a normalized error came from, as `origin` in the envelope (spec/components/schemas/ErrorOrigin.yaml). */
export interface SeedOrigin {
  provider: string;
  code?: string;
  internal_code?: number;
  type?: string;
  name?: string;
  status: number;
  message?: string;
}

export interface SeedErrorCase {
  id: number;
  /** The seed document and its row. */
  seed: string;
  provider: 'workers-ai' | 'workers-ai-binding' | 'modelrunner' | 'generic' | 'modelslab';
  /** The HTTP status the body travels with. */
  status: number;
  /** The body as text, verbatim from the seed where it prints one. */
  body: string;
  /** What the case fills in where the seed prints no body or status. */
  assumed?: string;
  want:
    | { not_an_error: true }
    | { code: string; origin: SeedOrigin; details?: Record<string, unknown>; request_id?: string; retry_after?: number };
}

export const seedErrorCases: SeedErrorCase[] = (
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/seed-errors.json'), 'utf8')) as { cases: SeedErrorCase[] }
).cases;
