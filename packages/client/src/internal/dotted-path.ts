/**
 * Reads a dotted path (`error.code`, `errors.0.code`) from a parsed body. The providers' field
 * paths in the catalog are written this way; numeric segments index arrays.
 */
export type CompiledPath = readonly string[];

export function compilePath(path: string): CompiledPath {
  return path.split('.');
}

export function readPath(value: unknown, path: CompiledPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
